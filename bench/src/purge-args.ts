import { parseArgs } from 'node:util';
import { UsageError } from './args.ts';

export interface PurgeLoadOptions {
  quick: boolean;
  /** Generated articles in the dataset (the seed adds the sample stories). */
  size: number;
  /** Rounds of A (reads alone) then B (reads and one write a second). */
  rounds: number;
  /** Length of each A and B run. */
  seconds: number;
  /** Seconds of reading before the first round, not counted: the cache fills. */
  warmupSeconds: number;
  /** Reads in flight at once. */
  connections: number;
  /** The exponent of the readers' Zipf distribution over the published articles. */
  zipfExponent: number;
  /** The API's response cache in MB (API_RESPONSE_CACHE_MB); null leaves the API's default (64). */
  cacheMb: number | null;
  /** Writes a second during B. */
  writesPerSecond: number;
  /** article.update calls made (each an article.updated event) for the delivery measure. */
  events: number;
  /**
   * How the events are made: `store`, Store.articles.update in this process on the same file
   * (the fastest writer; the API hears of the writes through SQLite's change notices, within a
   * second), or `api`, article.update calls to the API, as the desk makes them.
   */
  eventWrites: 'store' | 'api';
  /** Writes in flight at once while making them (through the API; the Store's are one at a time). */
  eventWriters: number;
  help: boolean;
}

export const purgeLoadUsage = `Usage: node src/purge-load.ts [flags]   (in bench/, after npm run build; BENCH_QUICK=1 = --quick)

  --quick            1,000 articles, 1 round of 3 s per side, 500 events
  --size N           generated articles in the dataset (default 100000; quick 1000)
  --rounds N         rounds of A (reads only) and B (reads and writes) (default 3; quick 1)
  --seconds N        seconds per A or B run (default 20; quick 3)
  --warmup N         seconds of reads before the first round, not counted (default 15; quick 2)
  --connections N    reads in flight at once (default 10)
  --zipf X           exponent of the readers' Zipf distribution (default 1)
  --cache-mb N       the API's response cache in MB (API_RESPONSE_CACHE_MB; default: the API's, 64)
  --events N         article.updated events made for the delivery measure (default 5000; quick 500)
  --event-writes W   store (Store.articles.update in this process; default) or api (article.update calls)`;

/** The purge-and-delivery benchmark's options from its command line and BENCH_QUICK. */
export function parsePurgeLoadArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): PurgeLoadOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick === true || env.BENCH_QUICK === '1';
  const zipf = values.zipf === undefined ? 1 : Number(values.zipf);
  if (values.zipf !== undefined && (!/^\d+(\.\d+)?$/.test(values.zipf) || zipf > 5)) {
    throw new UsageError(`--zipf takes a number from 0 to 5, not "${values.zipf}"`);
  }
  return {
    quick,
    size: whole('--size', values.size, quick ? 1_000 : 100_000, 1, 1_000_000),
    rounds: whole('--rounds', values.rounds, quick ? 1 : 3, 1, 100),
    seconds: whole('--seconds', values.seconds, quick ? 3 : 20, 1, 600),
    warmupSeconds: whole('--warmup', values.warmup, quick ? 2 : 15, 0, 600),
    connections: whole('--connections', values.connections, 10, 1, 1_000),
    zipfExponent: zipf,
    cacheMb: values['cache-mb'] === undefined ? null : whole('--cache-mb', values['cache-mb'], 64, 1, 4_096),
    writesPerSecond: 1,
    events: whole('--events', values.events, quick ? 500 : 5_000, 1, 1_000_000),
    eventWrites: eventWritesOf(values['event-writes']),
    eventWriters: 16,
    help: values.help === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      size: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      zipf: { type: 'string' },
      'cache-mb': { type: 'string' },
      events: { type: 'string' },
      'event-writes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function eventWritesOf(text: string | undefined): PurgeLoadOptions['eventWrites'] {
  if (text === undefined || text === 'store') return 'store';
  if (text === 'api') return 'api';
  throw new UsageError(`--event-writes takes store or api, not "${text}"`);
}

function whole(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}
