import type { BenchOptions } from './args.ts';
import type { Dataset } from './dataset.ts';
import type { Comparison } from './measure.ts';
import type { PageWeight } from './page-weight.ts';
import { growth } from './stats.ts';
import type { Service, TargetChoices } from './targets.ts';

/** normal: every cache Newsroom has, on. uncached: the API's response cache and the site's page cache off. */
export type PathName = 'normal' | 'uncached';

/** One target on one path at one dataset size. */
export interface TargetResult extends Comparison {
  target: string;
  service: Service;
  path: PathName;
  /** Generated articles in the dataset (its nominal size). */
  size: number;
  url: string;
  /** Newsroom's answer, which the baseline repeats. */
  status: number;
  contentType: string | null;
  bodyBytes: number;
  /** Why this row's figures are not a healthy 200 answer's; null when they are. */
  error: string | null;
}

export interface ScaleResult {
  target: string;
  path: PathName;
  fromSize: number;
  toSize: number;
  /** Latency at the largest size as a multiple of that at the smallest. */
  p50Growth: number;
  p99Growth: number;
  requestsPerSecondGrowth: number;
}

export interface MemoryResult {
  size: number;
  process: string;
  /** VmHWM after the size's load; null when /proc could not tell. */
  peakRssBytes: number | null;
}

export interface BuildTiming {
  coldSeconds: number;
  cachedSeconds: number;
  /** Whether Turborepo served the second build wholly from its cache. */
  fullTurbo: boolean;
}

export interface HelloResult extends Comparison {
  /** The uncached site article page's req/s over the hello page's, per size. */
  articlePageShare: { size: number; share: number }[];
}

export interface TrpcFloorResult extends Comparison {
  /** The uncached API's article.bySlug req/s over the floor's, per size. */
  bySlugShare: { size: number; share: number }[];
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  nodeVersion: string;
  /** 1, 5 and 15 minutes, when the run started: the machine is shared. */
  loadAverage: number[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  options: BenchOptions;
  machine: Machine;
  loadGenerator: { name: string; version: string; caveat: string | null };
  datasets: Dataset[];
  choices: TargetChoices | null;
  results: TargetResult[];
  scale: ScaleResult[];
  memory: MemoryResult[];
  pageWeight: { size: number; pages: PageWeight[] } | null;
  hello: HelloResult | null;
  /** bench/src/trpc-floor-server.ts: the same answer through Fastify and tRPC alone. */
  trpcFloor: TrpcFloorResult | null;
  build: BuildTiming | null;
  /** Things that make some figures incomparable, such as the built output changing mid-run. */
  warnings: string[];
  /** Sizes cut short, each with why; the run exits with 1 when there are any. */
  failures: string[];
}

/** How each target's figures moved from the smallest dataset to the largest; none with one size. */
export function scaleOf(results: readonly TargetResult[]): ScaleResult[] {
  const sizes = [...new Set(results.map((r) => r.size))].sort((a, b) => a - b);
  const fromSize = sizes[0];
  const toSize = sizes.at(-1);
  if (fromSize === undefined || toSize === undefined || fromSize === toSize) return [];
  const scale: ScaleResult[] = [];
  for (const from of results.filter((r) => r.size === fromSize)) {
    const to = results.find((r) => r.size === toSize && r.target === from.target && r.path === from.path);
    if (!to) continue;
    scale.push({
      target: from.target,
      path: from.path,
      fromSize,
      toSize,
      p50Growth: growth(from.p50Ms, to.p50Ms),
      p99Growth: growth(from.p99Ms, to.p99Ms),
      requestsPerSecondGrowth: growth(from.requestsPerSecond, to.requestsPerSecond),
    });
  }
  return scale;
}
