import { describe, expect, it } from 'vitest';
import type { LoadResult } from './load-result.ts';
import {
  renderTracingTable,
  summarizeTracingRuns,
  type TracingRun,
  type TracingVariant,
  tracingVariants,
  variantOrder,
} from './tracing-figures.ts';

function load(requestsPerSecond: number, p50Ms = 1, failures = 0): LoadResult {
  return {
    requestsPerSecond,
    p50Ms,
    p99Ms: p50Ms * 4,
    requests: requestsPerSecond,
    non2xx: failures,
    socketErrors: 0,
  };
}

function run(round: number, variant: TracingVariant, requestsPerSecond: number, failures = 0): TracingRun {
  return { round, path: 'uncached', variant, result: load(requestsPerSecond, 1, failures) };
}

describe('summarizeTracingRuns', () => {
  it('takes each ratio within its round, so a machine that slows down between rounds cancels out', () => {
    const runs = [
      run(1, 'raw Store', 1_000),
      run(1, 'tracing on', 800),
      run(2, 'raw Store', 500),
      run(2, 'tracing on', 400),
      run(3, 'raw Store', 2_000),
      run(3, 'tracing on', 1_600),
    ];
    const rows = summarizeTracingRuns(runs).filter((row) => row.path === 'uncached');
    const on = rows.find((row) => row.variant === 'tracing on');
    expect(on?.ratio).toBeCloseTo(0.8);
    expect(on?.requestsPerSecond).toBe(800);
    expect(rows.find((row) => row.variant === 'raw Store')?.ratio).toBe(1);
  });

  it('counts failed answers, and the table marks the figure as an error', () => {
    const rows = summarizeTracingRuns([run(1, 'raw Store', 1_000), run(1, 'tracing off', 990, 12)]);
    const off = rows.find((row) => row.path === 'uncached' && row.variant === 'tracing off');
    expect(off?.failures).toBe(12);
    expect(renderTracingTable(rows)).toMatch(
      /uncached\s+tracing off\s+990\s+1\.00\s+4\.00\s+0\.990 ERROR \(12 failed\)/,
    );
  });
});

describe('variantOrder', () => {
  it('lets each variant open a round in turn, every variant once per round', () => {
    const firsts = tracingVariants.map((_, index) => variantOrder(index + 1)[0]);
    expect(new Set(firsts)).toEqual(new Set(tracingVariants));
    for (const round of [1, 2, 3, 4, 5])
      expect([...variantOrder(round)].sort()).toEqual([...tracingVariants].sort());
  });
});
