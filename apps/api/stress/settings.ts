/**
 * A stress setting from the environment (STRESS_KILL_ROUNDS, STRESS_LOAD_SECONDS, …), else
 * `fallback`. A value that is not a positive whole number stops the run with a line saying so,
 * as FUZZ_RUNS does, instead of a NaN-long run.
 */
export function stressSetting(name: string, fallback: number): number {
  const raw = process.env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

/**
 * Random numbers in [0, 1) from a seed (mulberry32), so a failing run can be repeated with
 * STRESS_SEED; the seed is printed with the figures.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** STRESS_SEED, else a new seed for this run. */
export function stressSeed(): number {
  return process.env.STRESS_SEED === undefined
    ? Math.floor(Math.random() * 2 ** 31)
    : stressSetting('STRESS_SEED', 1);
}
