import type { PageWeight, Sizes } from './page-weight.ts';
import type { BenchResults, TargetResult } from './results.ts';

/** The run's figures as aligned plain text for the terminal, in the order a reader asks for them. */
export function renderReport(results: BenchResults, files: string[]): string {
  const sections = [
    header(results),
    mainTable(results.results),
    scaleTable(results),
    memoryTable(results),
    pageWeightTable(results),
    footnotes(results, files),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** Columns padded to their widest cell; `right` marks the columns aligned to the right (numbers). */
export function alignTable(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        right[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '–';
}

/** Milliseconds with the precision that matters at their size: 0.42, 3.18, 12.4, 180. */
export function milliseconds(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function percent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const value = share * 100;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
}

export function times(factor: number): string {
  return Number.isFinite(factor) ? `×${factor.toFixed(2)}` : '–';
}

export function megabytes(bytes: number | null): string {
  return bytes === null ? '–' : `${(bytes / 1_048_576).toFixed(0)} MB`;
}

export function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** 1000 → "1k", 100000 → "100k", 2500 → "2.5k": short labels for dataset sizes. */
export function sizeLabel(size: number): string {
  if (size >= 1_000_000 && size % 100_000 === 0) return `${size / 1_000_000}M`;
  if (size >= 1_000 && size % 100 === 0) return `${size / 1_000}k`;
  return String(size);
}

function header(results: BenchResults): string {
  const { machine, options, loadGenerator } = results;
  const mode = options.quick ? 'quick run' : 'full run';
  const rounds = `${options.rounds} round${options.rounds === 1 ? '' : 's'} of ${options.seconds} s per side`;
  const lines = [
    `Newsroom HTTP benchmark, ${mode}, ${results.startedAt.replace('T', ' ').slice(0, 16)} UTC`,
    `machine   ${machine.cpuModel}, ${machine.cores} cores, ${(machine.memoryBytes / 1_073_741_824).toFixed(1)} GB, ` +
      `${machine.os}; Node ${machine.nodeVersion}; load average ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} at start`,
    `load      ${loadGenerator.name} ${loadGenerator.version}: ${options.connections} connections` +
      `${loadGenerator.name === 'wrk' ? ', 1 thread' : ''}; ${options.warmupSeconds} s warm-up, then ${rounds}, ` +
      'Newsroom and baseline alternating',
    'baseline  a raw node:http server in its own process answering each URL with the bytes Newsroom answered ' +
      '(status, content type, body)',
    'paths     normal: the API with its response cache, the site with its page cache; uncached: ' +
      'API_RESPONSE_CACHE_MB=0, and a site with WEB_PAGE_CACHE_MB=0 reading from the normal API',
    `datasets  ${results.datasets
      .map(
        (d) =>
          `${count(d.size)} (${count(d.articles)} articles, ${
            d.seededSeconds === null ? 'reused' : `seeded in ${d.seededSeconds.toFixed(0)} s`
          })`,
      )
      .join('; ')}`,
  ];
  if (loadGenerator.caveat) lines.push(`note      ${loadGenerator.caveat}`);
  return lines.join('\n');
}

/** A row per target, path and size, grouped by target so that growth with size reads down a column. */
function mainTable(rows: readonly TargetResult[]): string {
  const targets = [...new Set(rows.map((r) => r.target))];
  const sorted = [...rows].sort(
    (a, b) =>
      targets.indexOf(a.target) - targets.indexOf(b.target) ||
      a.path.localeCompare(b.path) ||
      a.size - b.size,
  );
  const body = sorted.map((r) => [
    r.target,
    r.path,
    count(r.size),
    count(r.requestsPerSecond),
    milliseconds(r.p50Ms),
    milliseconds(r.p99Ms),
    count(r.baselineRequestsPerSecond),
    percent(r.ratio),
    r.error ? `ERROR: ${r.error}` : '',
  ]);
  return alignTable(
    ['target', 'path', 'articles', 'req/s', 'p50 ms', 'p99 ms', 'baseline req/s', 'of baseline', ''],
    body,
    [false, false, true, true, true, true, true, true, false],
  );
}

function scaleTable(results: BenchResults): string {
  const [first] = results.scale;
  if (!first) return '';
  const rows = results.scale.map((s) => [
    s.target,
    s.path,
    times(s.p50Growth),
    times(s.p99Growth),
    times(s.requestsPerSecondGrowth),
  ]);
  return [
    `latency growth from ${count(first.fromSize)} to ${count(first.toSize)} articles (×1.00: no change)`,
    alignTable(['target', 'path', 'p50', 'p99', 'req/s'], rows, [false, false, true, true, true]),
  ].join('\n');
}

function memoryTable(results: BenchResults): string {
  if (results.memory.length === 0) return '';
  const sizes = [...new Set(results.memory.map((m) => m.size))];
  const processes = [...new Set(results.memory.map((m) => m.process))];
  const rows = processes.map((name) => [
    name,
    ...sizes.map((size) =>
      megabytes(results.memory.find((m) => m.process === name && m.size === size)?.peakRssBytes ?? null),
    ),
  ]);
  return [
    'peak memory (VmHWM) of each process after its load, by articles',
    alignTable(['process', ...sizes.map(count)], rows, [false, ...sizes.map(() => true)]),
  ].join('\n');
}

function pageWeightTable(results: BenchResults): string {
  const weight = results.pageWeight;
  if (!weight) return '';
  const sizes = (s: Sizes) =>
    s.raw === 0 ? 'none' : `${kilobytes(s.raw)} / ${kilobytes(s.gzip)} / ${kilobytes(s.brotli)}`;
  const rows = weight.pages.map((page) => [
    page.path === '/' ? '/' : '/articles/<sample>',
    requestsOf(page),
    sizes(page.html),
    sizes(page.css),
    sizes(page.js),
    `html ${page.serverEncoding.html}, css ${page.serverEncoding.css ?? '–'}, js ${page.serverEncoding.js ?? '–'}`,
  ]);
  return [
    `page weight at ${count(weight.size)} articles: raw / gzip / brotli (computed here); the encoding the ` +
      'site itself sent when asked for br, gzip',
    alignTable(['page', 'requests', 'HTML', 'CSS', 'JS', 'server encoding'], rows, [
      false,
      false,
      true,
      true,
      true,
      false,
    ]),
  ].join('\n');
}

/** "9: html, 1 css, 6 img (6 lazy), 1 icon": the total, then each kind the page has. */
export function requestsOf(page: Pick<PageWeight, 'requests' | 'resources'>): string {
  const r = page.resources;
  const kinds: [number, string][] = [
    [r.stylesheets.length, 'css'],
    [r.scripts.length, 'js'],
    [r.images.length, `img${r.lazyImages.length ? ` (${r.lazyImages.length} lazy)` : ''}`],
    [r.icons.length, 'icon'],
    [r.fonts.length, 'font'],
  ];
  const parts = kinds.filter(([n]) => n > 0).map(([n, kind]) => `${n} ${kind}`);
  return `${page.requests}: ${['html', ...parts].join(', ')}`;
}

function footnotes(results: BenchResults, files: string[]): string {
  const lines: string[] = [];
  const { hello, trpcFloor, choices, build } = results;
  if (trpcFloor) {
    const shares = trpcFloor.bySlugShare.map((s) => `${percent(s.share)} (${count(s.size)})`).join(', ');
    lines.push(
      `tRPC floor   article.bySlug through Fastify and tRPC alone, from memory: ` +
        `${count(trpcFloor.requestsPerSecond)} req/s, p50 ${milliseconds(trpcFloor.p50Ms)} ms, ` +
        `${percent(trpcFloor.ratio)} of its baseline` +
        (shares ? `; the uncached API's article.bySlug req/s as a share of it, by articles: ${shares}` : ''),
    );
  }
  if (hello) {
    const shares = hello.articlePageShare.map((s) => `${percent(s.share)} (${count(s.size)})`).join(', ');
    lines.push(
      `Astro floor  the hello page (bench/hello-site): ${count(hello.requestsPerSecond)} req/s, ` +
        `p50 ${milliseconds(hello.p50Ms)} ms, ${percent(hello.ratio)} of its baseline` +
        (shares ? `; the uncached article page's req/s as a share of it, by articles: ${shares}` : ''),
    );
  }
  if (choices) {
    const { rare, common } = choices.searchWords;
    const share = (w: typeof rare) => `${w.capped ? '≥ ' : ''}${percent(w.share)} (${count(w.hits)} hits)`;
    lines.push(
      `targets      tag ${choices.tag.slug}, the most used, on ${count(choices.tag.articleCount)} articles at the ` +
        `smallest size; search "${common.word}" matches ${share(common)}, "${rare.word}" ${share(rare)}`,
    );
  }
  if (build) {
    lines.push(
      `build        cold (turbo run build --force) ${build.coldSeconds.toFixed(1)} s; cached rebuild ` +
        `${build.cachedSeconds.toFixed(1)} s${build.fullTurbo ? ', FULL TURBO' : ', NOT fully cached'}`,
    );
  }
  for (const warning of results.warnings) lines.push(`warning      ${warning}`);
  for (const failure of results.failures) lines.push(`FAILED       ${failure}`);
  const errors = results.results.filter((r) => r.error).length;
  if (errors > 0) {
    lines.push(`errors       ${errors} rows did not answer 200 throughout: their figures are not comparable`);
  }
  lines.push(`written      ${files.join(', ')}`);
  return lines.join('\n');
}
