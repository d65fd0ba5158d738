import { parseArgs } from 'node:util';

export type LoadGeneratorChoice = 'auto' | 'wrk' | 'autocannon';

export interface BenchOptions {
  quick: boolean;
  /** Generated articles in each dataset (the seed adds the sample stories), smallest first. */
  sizes: number[];
  /** Newsroom/baseline pairs per target; the reported ratio is the median of the pairs' ratios. */
  rounds: number;
  /** Length of each load run, in whole seconds (wrk takes no less). */
  seconds: number;
  warmupSeconds: number;
  /** Open connections the load generator keeps busy. */
  connections: number;
  /** Whether to time a cold `turbo run build --force` and the cached rebuild after it. */
  buildTiming: boolean;
  loadGenerator: LoadGeneratorChoice;
  help: boolean;
}

/** A mistake in the flags: main prints its message and the usage, and exits with 2. */
export class UsageError extends Error {}

export const usage = `Usage: npm run bench -- [flags]   (at the root, or in bench/ for this suite alone)

  --quick                 1,000 articles only, 1 round of 1 s, no build timing (also BENCH_QUICK=1)
  --sizes 1000,10000      dataset sizes in generated articles (default 1000,10000,100000)
  --rounds N              Newsroom/baseline pairs per target (default 3; quick 1)
  --seconds N             seconds per load run (default 5; quick 1)
  --warmup N              seconds of warm-up per target (default 1)
  --connections N         open connections during load (default 10)
  --skip-build-timing     do not time the cold and cached builds
  --load-generator NAME   wrk or autocannon (default: wrk when on PATH, else autocannon)`;

const maxSize = 1_000_000;

/**
 * The suite's options from its command line and environment. BENCH_QUICK is how the root
 * `npm run bench -- --quick` reaches every workspace's benchmarks through Turborepo; BENCH_ARGS
 * carries the root's other flags here (see splitArgs). Explicit flags win over --quick's defaults.
 */
export function parseBenchArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): BenchOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick === true || env.BENCH_QUICK === '1';
  const loadGenerator = values['load-generator'] ?? 'auto';
  if (loadGenerator !== 'auto' && loadGenerator !== 'wrk' && loadGenerator !== 'autocannon') {
    throw new UsageError(`--load-generator must be wrk or autocannon, not "${loadGenerator}"`);
  }
  return {
    quick,
    sizes: values.sizes === undefined ? (quick ? [1_000] : [1_000, 10_000, 100_000]) : sizesOf(values.sizes),
    rounds: wholeNumber('--rounds', values.rounds, quick ? 1 : 3, 1, 100),
    seconds: wholeNumber('--seconds', values.seconds, quick ? 1 : 5, 1, 600),
    warmupSeconds: wholeNumber('--warmup', values.warmup, 1, 0, 600),
    connections: wholeNumber('--connections', values.connections, 10, 1, 10_000),
    buildTiming: !quick && values['skip-build-timing'] !== true,
    loadGenerator,
    help: values.help === true,
  };
}

/** BENCH_ARGS as argv: flags and values separated by spaces (none of ours contains one). */
export function splitArgs(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter((part) => part !== '');
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'skip-build-timing': { type: 'boolean' },
      'load-generator': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function sizesOf(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const sizes = parts.map((part) => {
    if (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > maxSize) {
      throw new UsageError(
        `--sizes takes whole numbers from 1 to ${maxSize.toLocaleString('en')} separated by commas, not "${text}"`,
      );
    }
    return Number(part);
  });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function wholeNumber(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}
