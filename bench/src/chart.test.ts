import { describe, expect, it } from 'vitest';
import { type LatencyPoint, latencyChartSvg, logScale, niceAxis } from './chart.ts';

function point(target: string, path: 'normal' | 'uncached', size: number, p50Ms: number): LatencyPoint {
  return { target, path, size, p50Ms, p99Ms: p50Ms * 3 };
}

const points = [1_000, 10_000, 100_000].flatMap((size, i) => [
  point('api article.bySlug', 'normal', size, 0.5 + i * 0.1),
  point('api article.bySlug', 'uncached', size, 2 + i),
  point('site /articles/<sample>', 'normal', size, 1 + i),
  point('site /articles/<sample>', 'uncached', size, 40 + i * 10),
]);

describe('latencyChartSvg', () => {
  const svg = latencyChartSvg(points, 'Latency by dataset size');

  it('is one SVG document with a title, a legend for both percentiles and a column per path', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>Latency by dataset size</text>');
    expect(svg).toContain('>p50 (median)</text>');
    expect(svg).toContain('>p99</text>');
    expect(svg).toContain('>normal path (response and page caches on)</text>');
    expect(svg).toContain('>uncached path (response and page caches off)</text>');
  });

  it('draws a panel per target and path with a line per percentile, the name escaped', () => {
    expect(svg).toContain('>site /articles/&lt;sample&gt;</text>');
    expect(svg.match(/<polyline /g)).toHaveLength(8);
    expect(svg.match(/<circle /g)).toHaveLength(24);
  });

  it('labels the size axis with the sizes measured', () => {
    for (const label of ['1k', '10k', '100k']) expect(svg).toContain(`>${label}</text>`);
  });

  it('draws a single size without dividing by zero', () => {
    const single = latencyChartSvg(
      points.filter((p) => p.size === 1_000),
      'One size',
    );
    expect(single).not.toContain('NaN');
    expect(single.match(/<circle /g)).toHaveLength(8);
  });

  it('says so when there is nothing to draw', () => {
    expect(latencyChartSvg([], 'Empty')).toContain('No figures.');
  });
});

describe('logScale', () => {
  it('spaces tenfold sizes evenly', () => {
    const x = logScale([1_000, 10_000, 100_000], 0, 100);
    expect(x(10_000) - x(1_000)).toBeCloseTo(x(100_000) - x(10_000));
    expect(x(1_000)).toBeGreaterThan(0);
    expect(x(100_000)).toBeLessThan(100);
  });

  it('puts a single size in the middle', () => {
    expect(logScale([1_000], 0, 100)(1_000)).toBeCloseTo(50);
  });
});

describe('niceAxis', () => {
  it('rounds the top up to a whole number of round steps', () => {
    expect(niceAxis(7.3)).toEqual({ top: 8, step: 2 });
    expect(niceAxis(180)).toEqual({ top: 200, step: 50 });
    expect(niceAxis(0.42)).toEqual({ top: 0.6, step: 0.2 });
    expect(niceAxis(10)).toEqual({ top: 10, step: 2.5 });
  });

  it('has an axis even with nothing above zero', () => {
    expect(niceAxis(0)).toEqual({ top: 1, step: 0.25 });
  });
});
