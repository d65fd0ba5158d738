/**
 * Randomness from a seed, so every run reads the same articles in the same order and writes to
 * the same ones: a run can be repeated, and two runs compared.
 */

/** A source of numbers in [0, 1) from a 32-bit seed (mulberry32: small, fast, good enough for load). */
export function randomFrom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A whole number in [0, below). */
export function indexBelow(below: number, random: () => number): number {
  return Math.min(below - 1, Math.floor(random() * below));
}

/** A new array with `items` in an order drawn from `random` (Fisher–Yates); `items` is left alone. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = indexBelow(i + 1, random);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** `count` different items of `items` (all of them if it has fewer), in a random order. */
export function sampleOf<T>(items: readonly T[], count: number, random: () => number): T[] {
  return shuffled(items, random).slice(0, Math.max(0, count));
}
