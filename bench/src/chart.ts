import { sizeLabel } from './report.ts';
import type { PathName } from './results.ts';

export interface LatencyPoint {
  target: string;
  path: PathName;
  size: number;
  p50Ms: number;
  p99Ms: number;
}

const panelWidth = 440;
const panelHeight = 200;
const margin = { left: 58, right: 18, top: 30, bottom: 42 };
const paths: readonly PathName[] = ['normal', 'uncached'];
const headerHeight = 100;
const colours: Record<PathName, string> = { normal: '#0072b2', uncached: '#d55e00' };
const columnTitles: Record<PathName, string> = {
  normal: 'normal path (response and page caches on)',
  uncached: 'uncached path (response and page caches off)',
};
const dashes = { p50: '', p99: '6 4' };

/**
 * p50 and p99 latency against dataset size: a row of panels per target, a column per path, each
 * panel with its own latency scale (a cached read takes a fraction of a millisecond, an uncached
 * page tens), so growth shows on both. Sizes on a log axis: they grow tenfold. Plain SVG.
 */
export function latencyChartSvg(points: readonly LatencyPoint[], title: string): string {
  const targets = [...new Set(points.map((p) => p.target))];
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  const width = paths.length * panelWidth;
  const height = headerHeight + Math.max(1, targets.length) * panelHeight;
  const x = logScale(sizes, margin.left, panelWidth - margin.right);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
    legend(width),
    ...paths.map(
      (path, column) =>
        `<text x="${column * panelWidth + panelWidth / 2}" y="${headerHeight - 8}" text-anchor="middle" font-size="13" font-weight="600" fill="${colours[path]}">${columnTitles[path]}</text>`,
    ),
  ];
  targets.forEach((target, row) => {
    paths.forEach((path, column) => {
      const series = points.filter((p) => p.target === target && p.path === path);
      parts.push(
        panel(target, path, series, sizes, x, column * panelWidth, headerHeight + row * panelHeight),
      );
    });
  });
  if (targets.length === 0) {
    parts.push(`<text x="${width / 2}" y="${headerHeight + 40}" text-anchor="middle">No figures.</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function legend(width: number): string {
  const entries: [string, string, string][] = [
    ['p50 (median)', '#333', dashes.p50],
    ['p99', '#333', dashes.p99],
  ];
  const step = 160;
  const start = (width - step * entries.length) / 2;
  const items = entries.map(([label, colour, dash], i) => {
    const x = start + i * step;
    return (
      `<line x1="${x}" y1="48" x2="${x + 28}" y2="48" stroke="${colour}" stroke-width="2.5"${dashAttribute(dash)}/>` +
      `<text x="${x + 34}" y="52">${label}</text>`
    );
  });
  const note =
    `<text x="${width / 2}" y="70" text-anchor="middle" fill="#555">latency in ms (each panel its own scale) ` +
    'against articles in the dataset (log scale); hover a point for its value</text>';
  return [...items, note].join('\n');
}

function panel(
  target: string,
  path: PathName,
  points: readonly LatencyPoint[],
  sizes: readonly number[],
  x: (size: number) => number,
  left: number,
  top: number,
): string {
  const bottom = panelHeight - margin.bottom;
  const highest = Math.max(0, ...points.flatMap((p) => [p.p50Ms, p.p99Ms]).filter(Number.isFinite));
  const { top: yTop, step } = niceAxis(highest);
  const y = (ms: number) => bottom - (ms / yTop) * (bottom - margin.top);
  const out = [`<g transform="translate(${left},${top})">`];
  out.push(`<text x="${margin.left}" y="18" font-size="12" font-weight="600">${escapeXml(target)}</text>`);
  for (let index = 0; index * step <= yTop + step / 2; index++) {
    const tick = index * step;
    const ty = y(tick).toFixed(1);
    out.push(
      `<line x1="${margin.left}" y1="${ty}" x2="${panelWidth - margin.right}" y2="${ty}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 6}" y="${ty}" dy="0.32em" text-anchor="end" fill="#444">${tickLabel(tick)}</text>`,
    );
  }
  for (const size of sizes) {
    const tx = x(size).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${bottom}" x2="${tx}" y2="${bottom + 4}" stroke="#444"/>`,
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="#444">${sizeLabel(size)}</text>`,
    );
  }
  out.push(
    `<line x1="${margin.left}" y1="${bottom}" x2="${panelWidth - margin.right}" y2="${bottom}" stroke="#444"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${bottom}" stroke="#444"/>`,
    `<text x="${(margin.left + panelWidth - margin.right) / 2}" y="${bottom + 32}" text-anchor="middle" fill="#444">articles</text>`,
    `<text transform="translate(14,${(margin.top + bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#444">ms</text>`,
  );
  const series = [...points].sort((a, b) => a.size - b.size);
  for (const percentile of ['p50', 'p99'] as const) {
    const value = (p: LatencyPoint) => (percentile === 'p50' ? p.p50Ms : p.p99Ms);
    const plotted = series.filter((p) => Number.isFinite(value(p)));
    if (plotted.length === 0) continue;
    const coordinates = plotted.map((p) => `${x(p.size).toFixed(1)},${y(value(p)).toFixed(1)}`).join(' ');
    out.push(
      `<polyline points="${coordinates}" fill="none" stroke="${colours[path]}" stroke-width="2"${dashAttribute(dashes[percentile])}/>`,
    );
    for (const p of plotted) {
      out.push(
        `<circle cx="${x(p.size).toFixed(1)}" cy="${y(value(p)).toFixed(1)}" r="3" fill="${colours[path]}">` +
          `<title>${escapeXml(`${target}, ${path}, ${p.size.toLocaleString('en')} articles: ${percentile} ${value(p).toFixed(2)} ms`)}</title></circle>`,
      );
    }
  }
  out.push('</g>');
  return out.join('\n');
}

/** Positions on a log axis; a single size sits in the middle. */
export function logScale(sizes: readonly number[], from: number, to: number): (size: number) => number {
  const low = Math.log10(sizes[0] ?? 1);
  const high = Math.log10(sizes.at(-1) ?? 1);
  const pad = high === low ? 0.5 : (high - low) * 0.06;
  return (size) => from + ((Math.log10(size) - (low - pad)) / (high - low + 2 * pad)) * (to - from);
}

/** An axis from 0 with four or five round steps (1, 2, 2.5 or 5 × a power of ten) covering `highest`. */
export function niceAxis(highest: number): { top: number; step: number } {
  if (!(highest > 0)) return { top: 1, step: 0.25 };
  const rough = highest / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const top = Math.ceil(highest / step - 1e-9) * step;
  // Without the rounding, 3 × 0.2 would be 0.6000000000000001.
  return { top: Number(top.toPrecision(12)), step };
}

function tickLabel(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

function dashAttribute(dash: string): string {
  return dash ? ` stroke-dasharray="${dash}"` : '';
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
