import { describe, expect, it } from 'vitest';
import type { Comparison } from './measure.ts';
import {
  alignTable,
  count,
  milliseconds,
  percent,
  renderReport,
  requestsOf,
  sizeLabel,
  times,
} from './report.ts';
import type { BenchResults, TargetResult } from './results.ts';

describe('alignTable', () => {
  it('pads text to the left and numbers to the right, two spaces apart', () => {
    const table = alignTable(
      ['target', 'req/s'],
      [
        ['api article.list', '812'],
        ['site /', '12,004'],
      ],
      [false, true],
    );
    expect(table).toBe(
      ['target             req/s', 'api article.list     812', 'site /            12,004'].join('\n'),
    );
  });
});

describe('figures', () => {
  it('rounds counts with separators', () => {
    expect(count(12_004.6)).toBe('12,005');
    expect(count(Number.NaN)).toBe('–');
  });

  it('gives milliseconds the precision that matters at their size', () => {
    expect(milliseconds(0.4213)).toBe('0.42');
    expect(milliseconds(12.44)).toBe('12.4');
    expect(milliseconds(180.4)).toBe('180');
  });

  it('gives shares as percentages and growth as a factor', () => {
    expect(percent(0.0834)).toBe('8.3 %');
    expect(percent(0.245)).toBe('25 %');
    expect(times(1.1234)).toBe('×1.12');
    expect(times(Number.NaN)).toBe('–');
  });

  it('labels dataset sizes briefly', () => {
    expect([1_000, 10_000, 100_000, 2_500, 1_000_000, 50].map(sizeLabel)).toEqual([
      '1k',
      '10k',
      '100k',
      '2.5k',
      '1M',
      '50',
    ]);
  });
});

describe('requestsOf', () => {
  it('names the page and each kind of resource it loads', () => {
    const resources = {
      stylesheets: ['/a.css'],
      scripts: [],
      images: ['/1.svg', '/2.svg'],
      lazyImages: ['/2.svg'],
      icons: ['/favicon.svg'],
      fonts: [],
    };
    expect(requestsOf({ requests: 5, resources })).toBe('5: html, 1 css, 2 img (1 lazy), 1 icon');
  });
});

const comparison: Comparison = {
  rounds: [],
  requestsPerSecond: 1_200,
  p50Ms: 8,
  p99Ms: 17,
  baselineRequestsPerSecond: 54_000,
  baselineP50Ms: 0.2,
  baselineP99Ms: 1,
  ratio: 0.022,
  non2xx: 0,
  socketErrors: 0,
};

function row(size: number, p50Ms: number, error: string | null = null): TargetResult {
  return {
    ...comparison,
    p50Ms,
    target: 'api article.bySlug',
    service: 'api',
    path: 'uncached',
    size,
    url: '/article.bySlug?input=%7B%7D',
    status: error ? 404 : 200,
    contentType: 'application/json',
    bodyBytes: 4_000,
    error,
  };
}

const results: BenchResults = {
  startedAt: '2026-11-28T01:57:57.000Z',
  finishedAt: '2026-11-28T01:59:17.000Z',
  options: {
    quick: false,
    sizes: [1_000, 10_000],
    rounds: 3,
    seconds: 5,
    warmupSeconds: 1,
    connections: 10,
    buildTiming: true,
    loadGenerator: 'auto',
    help: false,
  },
  machine: {
    cpuModel: 'Test CPU',
    cores: 2,
    memoryBytes: 8 * 1_073_741_824,
    os: 'Linux 6',
    nodeVersion: 'v24.21.0',
    loadAverage: [1, 0.5, 0.25],
  },
  loadGenerator: { name: 'wrk', version: '4.1.0', caveat: null },
  datasets: [
    { size: 1_000, file: 'a.db', articles: 1_003, seededSeconds: null },
    { size: 10_000, file: 'b.db', articles: 10_003, seededSeconds: 9.6 },
  ],
  choices: null,
  results: [row(1_000, 8), row(10_000, 10, 'answered 404')],
  scale: [
    {
      target: 'api article.bySlug',
      path: 'uncached',
      fromSize: 1_000,
      toSize: 10_000,
      p50Growth: 1.25,
      p99Growth: 1,
      requestsPerSecondGrowth: 1,
    },
  ],
  memory: [{ size: 1_000, process: 'api (normal)', peakRssBytes: 345 * 1_048_576 }],
  pageWeight: null,
  hello: null,
  trpcFloor: null,
  build: { coldSeconds: 75.25, cachedSeconds: 2.04, fullTurbo: true },
  warnings: ['the built output changed'],
  failures: [
    '10,000 articles: api (normal, 10,000) stopped (signal SIGTERM) under load: (it printed nothing)',
  ],
};

describe('renderReport', () => {
  const report = renderReport(results, ['bench-results/http-latest.json']);

  it('starts with the machine and the load generator', () => {
    const [title, machine, load] = report.split('\n');
    expect(title).toBe('Newsroom HTTP benchmark, full run, 2026-11-28 01:57 UTC');
    expect(machine).toContain('Test CPU, 2 cores, 8.0 GB, Linux 6; Node v24.21.0');
    expect(load).toContain('wrk 4.1.0: 10 connections, 1 thread; 1 s warm-up, then 3 rounds of 5 s per side');
  });

  it('has a row per target, path and size, sizes together, and marks errors', () => {
    expect(report).toMatch(/api article\.bySlug +uncached +1,000 +1,200 +8\.00 +17\.0 +54,000 +2\.2 %\n/);
    expect(report).toMatch(/uncached +1,000 .*\n.*uncached +10,000 .* ERROR: answered 404/);
    expect(report).toContain('errors       1 rows did not answer 200 throughout');
  });

  it('ends with what makes figures incomparable and what failed', () => {
    expect(report).toContain('warning      the built output changed');
    expect(report).toContain('FAILED       10,000 articles: api (normal, 10,000) stopped (signal SIGTERM)');
  });

  it('reports growth, memory, datasets and the build', () => {
    expect(report).toContain('latency growth from 1,000 to 10,000 articles');
    expect(report).toMatch(/api article\.bySlug +uncached +×1\.25 +×1\.00 +×1\.00/);
    expect(report).toMatch(/api \(normal\) +345 MB/);
    expect(report).toContain('1,000 (1,003 articles, reused); 10,000 (10,003 articles, seeded in 10 s)');
    expect(report).toContain('cold (turbo run build --force) 75.3 s; cached rebuild 2.0 s, FULL TURBO');
  });
});
