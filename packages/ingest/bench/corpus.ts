/**
 * How well and how fast the importer reads the corpus (test/corpus/, 48 pages in four languages):
 * the share of the stories' paragraphs kept (target 100 %), the share of furniture lines removed
 * (target at least 98 %), and pages per second, scraped text and web pages apart. Web pages are
 * also timed against a bare linkedom parse of the same bytes in the same run, so the cost of
 * Readability and the rules reads as a ratio on a noisy machine. Prints figures; never fails on a
 * slow machine.
 *
 *   npm run bench                                   (from the root: every workspace's benchmarks)
 *   BENCH_RUNS=9 npm run bench --workspace=@newsroom/ingest
 *
 * Runs on Node 24's type stripping against the built package (turbo builds it first).
 */
import { parseHTML } from 'linkedom';
import { draftsFrom, readInput } from '../dist/index.js';
import { corpusPages, furnitureLeft, paragraphsKept } from '../test/corpus-pages.ts';

const quick = process.env.BENCH_QUICK === '1';
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 3 : 15));
const pages = corpusPages();

let paragraphs = 0;
let kept = 0;
let furniture = 0;
let removed = 0;
const misses: string[] = [];
for (const page of pages) {
  const [draft] = await draftsFrom(page.path);
  if (!draft) throw new Error(`${page.name}: no draft`);
  paragraphs += page.expected.paragraphs.length;
  kept += paragraphsKept(draft, page.expected);
  const left = furnitureLeft(draft, page.expected);
  furniture += page.expected.furniture.length;
  removed += page.expected.furniture.length - left.length;
  for (const line of left) misses.push(`${page.name}: furniture left: ${line.slice(0, 80)}`);
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
console.log(
  `ingest corpus: ${pages.length} pages (${pages.filter((p) => p.name.endsWith('.html')).length} web pages), median of ${runs} runs`,
);
console.log(
  `  body paragraphs kept     ${percent(kept, paragraphs)} (${kept} of ${paragraphs}; target 100 %)`,
);
console.log(
  `  furniture lines removed  ${percent(removed, furniture)} (${removed} of ${furniture}; target ≥ 98 %)`,
);
for (const miss of misses) console.log(`    ${miss}`);

/** Pages per second over a set of pages, the median of `runs` passes. */
async function pagesPerSecond(read: (path: string) => Promise<unknown>, paths: string[]): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    for (const path of paths) await read(path);
    rates.push(paths.length / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

const text = pages.filter((p) => p.name.endsWith('.txt')).map((p) => p.path);
const html = pages.filter((p) => p.name.endsWith('.html')).map((p) => p.path);
const textRate = await pagesPerSecond((path) => draftsFrom(path), text);
const htmlRate = await pagesPerSecond((path) => draftsFrom(path), html);
const parseRate = await pagesPerSecond(async (path) => parseHTML((await readInput(path)).text), html);
console.log(`  scraped text             ${textRate.toFixed(0)} pages/s`);
console.log(
  `  web pages                ${htmlRate.toFixed(0)} pages/s (a bare linkedom parse: ${parseRate.toFixed(0)} pages/s; ` +
    `reading a story costs ${(parseRate / htmlRate).toFixed(1)}× the parse)`,
);
