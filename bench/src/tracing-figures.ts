import type { LoadResult } from './load-result.ts';
import { alignTable, count, milliseconds } from './report.ts';
import { median } from './stats.ts';

/**
 * The API five ways, all reading the same database: the first two are a small script around
 * createApi (api-store-variant.ts), the others the API as shipped (dist/main.js).
 */
export const tracingVariants = [
  'raw Store',
  'observed Store',
  'tracing off',
  'tracing on',
  'tracing on, 10 % kept',
] as const;
export type TracingVariant = (typeof tracingVariants)[number];

export const tracingVariantMeaning: Record<TracingVariant, string> = {
  'raw Store': 'the baseline: createApi over the Store as it is, no SDK',
  'observed Store':
    'createApi over observedStore(Store): a span started per Store call, no SDK (no-op spans)',
  'tracing off': 'dist/main.js without OTEL_EXPORTER_OTLP_ENDPOINT: what ships, the SDK not loaded',
  'tracing on':
    'dist/main.js exporting every span (default sampler and batching) to a receiver that discards them',
  'tracing on, 10 % kept':
    'the same with OTEL_TRACES_SAMPLER=parentbased_traceidratio and OTEL_TRACES_SAMPLER_ARG=0.1 (one request in ten traced)',
};

export const tracingPaths = ['cached', 'uncached'] as const;
export type TracingPath = (typeof tracingPaths)[number];

export interface TracingRun {
  round: number;
  path: TracingPath;
  variant: TracingVariant;
  result: LoadResult;
}

export interface TracingRow {
  path: TracingPath;
  variant: TracingVariant;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of this variant's req/s over the raw Store's in the same round. */
  ratio: number;
  /** Answers that were not 2xx/3xx, or socket errors, over every round: the figure is suspect. */
  failures: number;
}

/**
 * One row per path and variant: medians over the rounds, and the ratio to the raw Store taken
 * round by round (the two ran minutes apart at most), so the machine's drift cancels out.
 */
export function summarizeTracingRuns(runs: readonly TracingRun[]): TracingRow[] {
  return tracingPaths.flatMap((path) =>
    tracingVariants.map((variant) => {
      const own = runs.filter((run) => run.path === path && run.variant === variant);
      const ratios = own.map((run) => {
        const raw = runs.find(
          (other) => other.path === path && other.variant === 'raw Store' && other.round === run.round,
        );
        return raw && raw.result.requestsPerSecond > 0
          ? run.result.requestsPerSecond / raw.result.requestsPerSecond
          : Number.NaN;
      });
      return {
        path,
        variant,
        requestsPerSecond: median(own.map((run) => run.result.requestsPerSecond)),
        p50Ms: median(own.map((run) => run.result.p50Ms)),
        p99Ms: median(own.map((run) => run.result.p99Ms)),
        ratio: median(ratios.filter((ratio) => Number.isFinite(ratio))),
        failures: own.reduce((sum, run) => sum + run.result.non2xx + run.result.socketErrors, 0),
      };
    }),
  );
}

/** The order of the variants in round `round` (from 1): each starts a round in turn, so none always runs first. */
export function variantOrder(round: number): TracingVariant[] {
  const shift = (round - 1) % tracingVariants.length;
  return [...tracingVariants.slice(shift), ...tracingVariants.slice(0, shift)];
}

export function renderTracingTable(rows: readonly TracingRow[]): string {
  return alignTable(
    ['path', 'variant', 'req/s', 'p50 ms', 'p99 ms', 'vs raw Store'],
    rows.map((row) => [
      row.path,
      row.variant,
      count(row.requestsPerSecond),
      milliseconds(row.p50Ms),
      milliseconds(row.p99Ms),
      `${Number.isFinite(row.ratio) ? row.ratio.toFixed(3) : '–'}${row.failures > 0 ? ` ERROR (${count(row.failures)} failed)` : ''}`,
    ]),
    [false, false, true, true, true, true],
  );
}
