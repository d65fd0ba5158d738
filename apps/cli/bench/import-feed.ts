/**
 * How fast `newsroom import` takes in a big feed: an RSS 2.0 feed of 10,000 items made from the
 * Store's own generated articles (every block type, inline formatting, categories, bylines),
 * parsed with @newsroom/ingest's parseFeed, then imported through store.imports.importDrafts
 * (one savepoint per story, 100 stories per transaction) into a new SQLite file, as
 * `newsroom import` does. Parse and import are
 * timed apart; the figures are the median of several runs. Prints figures and never fails on a
 * slow machine: a benchmark, not a test.
 *
 *   npm run bench                       (from the root: every workspace's benchmarks)
 *   BENCH_ITEMS=2000 BENCH_RUNS=5 npm run bench --workspace=@newsroom/cli
 *
 * Runs on Node 24's type stripping against the built packages (turbo builds them first).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportArticleInput, openSqliteStore, type Store } from '@newsroom/db';
import type { ArticleDraft } from '@newsroom/domain';
import { parseFeed } from '@newsroom/ingest';
import { generateArticles } from '@newsroom/sample';

// `npm run bench -- --quick` sets BENCH_QUICK: a smaller run that only shows the bench still works.
const quick = process.env.BENCH_QUICK === '1';
const items = Number(process.env.BENCH_ITEMS ?? (quick ? 1_000 : 10_000));
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const siteUrl = 'https://news.example';

const dir = mkdtempSync(join(tmpdir(), 'newsroom-import-bench-'));
try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  const xml = feedOf([
    ...generateArticles({ count: items, seed: 11, imageBaseUrl: `${siteUrl}/media/sample` }),
  ]);
  const megabytes = Buffer.byteLength(xml) / 1_048_576;
  console.log(
    `import from a generated RSS feed: ${items.toLocaleString('en')} items, ${megabytes.toFixed(1)} MB, ` +
      `median of ${runs} runs (SQLite file)`,
  );

  const parseTimes: number[] = [];
  const importTimes: number[] = [];
  let reimportSeconds = 0;
  let databaseBytes = 0;
  for (let run = 1; run <= runs; run++) {
    let started = performance.now();
    const drafts = parseFeed(xml, { origin: 'bench.xml' });
    parseTimes.push(seconds(started));
    if (drafts.length !== items) throw new Error(`parseFeed gave ${drafts.length} drafts for ${items} items`);

    const file = join(dir, `run-${run}.db`);
    const store = await openSqliteStore(file);
    try {
      started = performance.now();
      const created = await importAll(store, drafts);
      importTimes.push(seconds(started));
      if (created !== items) throw new Error(`${created} of ${items} stories were created`);
      if (run === runs) {
        // Idempotency has a price too: every story is looked up and found unchanged.
        started = performance.now();
        const again = await importAll(store, drafts);
        reimportSeconds = seconds(started);
        if (again !== 0) throw new Error(`a re-import created ${again} stories`);
      }
    } finally {
      await store.close();
    }
    databaseBytes = statSync(file).size;
  }

  const parse = median(parseTimes);
  const store = median(importTimes);
  const rows: [string, number][] = [
    ['parse (parseFeed)', parse],
    ['import (store.imports.importDrafts)', store],
    ['re-import, all unchanged (last run)', reimportSeconds],
  ];
  for (const [label, time] of rows) {
    console.log(
      `  ${label.padEnd(38)} ${time.toFixed(2).padStart(6)} s  ${Math.round(items / time)
        .toLocaleString('en')
        .padStart(7)} articles/s`,
    );
  }
  console.log(`  ${'import / parse'.padEnd(38)} ${(store / parse).toFixed(1).padStart(6)} ×`);
  console.log(
    `  runs: parse ${parseTimes.map((t) => t.toFixed(2)).join(', ')} s; import ${importTimes
      .map((t) => t.toFixed(2))
      .join(', ')} s; database ${(databaseBytes / 1_048_576).toFixed(1)} MB`,
  );
}

/** Imports every draft as the CLI does; returns how many were created. */
async function importAll(store: Store, drafts: readonly ArticleDraft[]): Promise<number> {
  let created = 0;
  for await (const outcome of store.imports.importDrafts(drafts, { status: 'published' })) {
    if (!outcome.ok) throw outcome.error;
    if (outcome.result.action === 'created') created += 1;
  }
  return created;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** An RSS 2.0 feed with content:encoded HTML, as a news site publishes it. */
function feedOf(articles: readonly ImportArticleInput[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>Newsroom benchmark</title><link>${siteUrl}/</link><description>Generated stories</description>`,
  ];
  for (const article of articles) {
    out.push(
      '<item>',
      `<title>${escapeXml(article.headline)}</title>`,
      `<link>${siteUrl}/articles/${article.slug}</link>`,
      `<guid isPermaLink="false">urn:uuid:${article.id}</guid>`,
      `<pubDate>${new Date(article.publishedAt ?? article.createdAt).toUTCString()}</pubDate>`,
      ...(article.authorSlugs ?? []).map((slug) => `<dc:creator>${escapeXml(nameOf(slug))}</dc:creator>`),
      ...(article.tagSlugs ?? []).map((slug) => `<category>${escapeXml(nameOf(slug))}</category>`),
      article.standfirst ? `<description>${escapeXml(article.standfirst)}</description>` : '',
      `<content:encoded><![CDATA[${htmlOf(article.body).replaceAll(']]>', ']]]]><![CDATA[>')}]]></content:encoded>`,
      '</item>',
    );
  }
  out.push('</channel>', '</rss>');
  return out.join('\n');
}

/** "port-sirena" → "Port Sirena": the names the sample taxonomy gives these slugs. */
function nameOf(slug: string): string {
  return slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function htmlOf(body: ImportArticleInput['body']): string {
  return body
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return `<p>${inlineHtml(block.text)}</p>`;
        case 'heading':
          return `<h${block.level}>${inlineHtml(block.text)}</h${block.level}>`;
        case 'quote':
          return `<blockquote><p>${inlineHtml(block.text)}</p>${block.attribution ? `<footer>${escapeXml(block.attribution)}</footer>` : ''}</blockquote>`;
        case 'list': {
          const tag = block.style === 'numbered' ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'image':
          return `<figure><img src="${escapeXml(block.src)}" alt="${escapeXml(block.alt)}" width="${block.width}" height="${block.height}"><figcaption>${escapeXml(block.caption ?? '')}</figcaption></figure>`;
        case 'see-also':
          return `<p>See also <a href="${siteUrl}/articles/${block.slug ?? ''}">${escapeXml(block.headline)}</a></p>`;
      }
      return '';
    })
    .join('\n');
}

/** The generator's inline Markdown (**strong**, *em*, [text](url)) as HTML. */
function inlineHtml(text: string): string {
  return escapeXml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
