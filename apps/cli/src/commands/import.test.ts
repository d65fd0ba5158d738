import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@newsroom/db';
import { sampleStorySlug } from '@newsroom/sample';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';
import { createImportCommand, type ImportReport } from './import.js';

const require = createRequire(import.meta.url);
const sample = (file: string) => require.resolve(`@newsroom/sample/copy/${file}`);
const fixture = sample('scraped-article.txt');
const tomorrowlandSlug = 'fire-destroys-tomorrowlands-iconic-main-stage';
const salgadoSlug = 'sebastia-salgado-master-of-black-and-white-photography-dies-at-age-81';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-import-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCaptured(argv, env, { withStatus: true });

async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(env.DATABASE_URL as string);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A file in the test's directory. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function feed(items: { guid: string; title: string; text: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>Wire</description>
${items
  .map(
    (item) => `<item><title>${item.title}</title><link>https://wire.example/${item.guid}</link>
<guid isPermaLink="false">${item.guid}</guid><pubDate>Thu, 10 Jul 2025 14:05:00 GMT</pubDate>
<category>Harbours</category><description>${item.text}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const numbered = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    guid: `urn:wire:${i + 1}`,
    title: `Harbour report number ${i + 1}`,
    text: `The harbour master filed report ${i + 1}.`,
  }));

/** A TCP port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('newsroom import', () => {
  it('imports the sample fixture as a draft, then skips it as unchanged', async () => {
    const first = await cli('import', fixture);
    expect(first.lines).toEqual([`created ${sampleStorySlug}`, '1 created, 0 updated, 0 skipped, 0 failed']);
    expect(first.code).toBe(0);
    // Its see-also stories are not there: the lines stay, unresolved, and say so on stderr.
    expect(first.err.split('\n')).toEqual([
      expect.stringMatching(
        /^warning .*scraped-article\.txt: see also "Fire destroys Tomorrowland's iconic main stage": /,
      ),
      expect.stringMatching(/^warning .*scraped-article\.txt: see also "Sebastia Salgado, master of .*": /),
    ]);
    const article = await withStore((store) => store.articles.bySlug(sampleStorySlug, { status: 'any' }));
    expect(article).toMatchObject({ status: 'draft', sources: [{ name: 'AP', type: 'wire' }] });
    expect(article?.body).toContainEqual({
      type: 'heading',
      level: 2,
      text: 'Diplomatic promotion and tariff threats',
    });

    const again = await cli('import', fixture);
    expect(again.lines).toEqual([
      `skipped ${sampleStorySlug}: unchanged`,
      '0 created, 0 updated, 1 skipped, 0 failed',
    ]);
    expect(again.code).toBe(0);
  });

  it('leaves a story edited since its import alone until --force, which brings the copy back', async () => {
    await cli('import', fixture);
    const edited = await withStore(async (store) => {
      const article = await store.articles.bySlug(sampleStorySlug, { status: 'any' });
      if (!article) throw new Error('not imported');
      return store.articles.update({ id: article.id, version: article.version, headline: 'A desk headline' });
    });

    const skipped = await cli('import', fixture);
    expect(skipped.lines[0]).toBe(`skipped ${sampleStorySlug}: edited since import (use --force)`);
    expect(skipped.code).toBe(0);

    const forced = await cli('import', '--force', fixture);
    expect(forced.lines).toEqual([`updated ${sampleStorySlug}`, '0 created, 1 updated, 0 skipped, 0 failed']);
    const after = await withStore((store) => store.articles.byId(edited.id));
    expect(after?.headline).toMatch(/^Despite “frustration”/);
    expect(after?.version).toBe(edited.version + 1);
  });

  it('updates a changed file in place, keeping the id and the slug', async () => {
    const story = (title: string, text: string) =>
      `---\nid: harbour-42\ntitle: ${title}\nsection: world\ntags: [Harbours]\n---\n\n${text}\n`;
    await withStore((store) =>
      store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 }),
    );
    const path = file('harbour.md', story('Harbour lights return', 'The lights came back on.'));
    expect((await cli('import', path)).lines[0]).toBe('created harbour-lights-return');
    const before = await withStore((store) =>
      store.articles.bySlug('harbour-lights-return', { status: 'any' }),
    );

    writeFileSync(path, story('Harbour lights return at last', 'The lights came back on, all of them.'));
    const changed = await cli('import', path);
    expect(changed.lines).toEqual([
      'updated harbour-lights-return',
      '0 created, 1 updated, 0 skipped, 0 failed',
    ]);
    const after = await withStore((store) => store.articles.byId(before?.id ?? ''));
    expect(after).toMatchObject({
      slug: 'harbour-lights-return',
      headline: 'Harbour lights return at last',
      body: [{ type: 'paragraph', text: 'The lights came back on, all of them.' }],
      section: { slug: 'world' },
      tags: [{ slug: 'harbours', name: 'Harbours' }],
    });
    expect(await withStore((store) => store.articleCount())).toBe(1);
  });

  it('recognises feed items by their guid: only the changed one is updated', async () => {
    const items = numbered(3);
    const path = file('wire.xml', feed(items));
    const first = await cli('import', '--status', 'published', path);
    expect(first.lines.at(-1)).toBe('3 created, 0 updated, 0 skipped, 0 failed');

    items[1] = { ...(items[1] as (typeof items)[number]), text: 'The harbour master corrected report 2.' };
    writeFileSync(path, feed(items));
    const second = await cli('import', path);
    expect(second.lines).toEqual([
      'skipped harbour-report-number-1: unchanged',
      'updated harbour-report-number-2',
      'skipped harbour-report-number-3: unchanged',
      '0 created, 1 updated, 2 skipped, 0 failed',
    ]);
    const updated = await withStore((store) => store.articles.bySlug('harbour-report-number-2'));
    expect(updated).toMatchObject({ status: 'published', publishedAt: '2025-07-10T14:05:00.000Z' });
  });

  it('decides in a dry run, reports, and writes nothing', async () => {
    const dry = await cli('import', '--dry-run', fixture);
    expect(dry.lines).toEqual([
      `created ${sampleStorySlug}`,
      '1 created, 0 updated, 0 skipped, 0 failed (dry run: nothing was written)',
    ]);
    expect(dry.code).toBe(0);
    expect(await withStore((store) => store.articleCount())).toBe(0);
    expect(await withStore((store) => store.tags.list())).toEqual([]);
  });

  it('prints one JSON document with --json: every item and the summary', async () => {
    const empty = file('empty.txt', '');
    const result = await cli('import', '--json', '--status', 'published', fixture, empty);
    expect(result.code).toBe(1);
    expect(result.status).toEqual([]);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report).toMatchObject({
      dryRun: false,
      items: [
        { input: fixture, action: 'created', slug: sampleStorySlug, status: 'published' },
        { input: empty, origin: empty, action: 'failed' },
      ],
      summary: { created: 1, updated: 0, skipped: 0, failed: 1 },
    });
    expect(report.items[1]?.reason).toEqual(expect.any(String));
  });

  it('gives each bad input one line and goes on with the others', async () => {
    const empty = file('empty.txt', '');
    const binary = file(
      'photo.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0, 1]),
    );
    const huge = join(dir, 'huge.txt');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: 50 MB on paper, nothing on disk
    closeSync(fd);
    const latin1 = file(
      'latin1.txt',
      Buffer.from('Caf\xe9 society\n\nA paragraph in Latin-1, not UTF-8.', 'latin1'),
    );
    const broken = file(
      'broken.xml',
      '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Oops</channel>',
    );
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    const bad: [string, RegExp][] = [
      [empty, /empty/i],
      [binary, /binary/i],
      [huge, /50 MB.*limit/i],
      [latin1, /UTF-8/],
      [broken, /XML/],
      [url, /^refused: 127\.0\.0\.1 is a private or loopback address; set NEWSROOM_FETCH_PRIVATE=allow/],
    ];

    const result = await cli('import', empty, binary, huge, fixture, latin1, broken, url);
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(bad.length + 2);
    for (const [input, reason] of bad) {
      const lines = result.lines.filter((line) => line.startsWith(`failed ${input}: `));
      expect(lines, input).toHaveLength(1);
      expect(lines[0]?.slice(`failed ${input}: `.length), input).toMatch(reason);
    }
    expect(result.lines).toContain(`created ${sampleStorySlug}`);
    expect(result.lines.at(-1)).toBe('1 created, 0 updated, 0 skipped, 6 failed');
    expect(await withStore((store) => store.articleCount())).toBe(1);
  });

  it('fails a story the Store refuses, writes nothing of it, and goes on', async () => {
    // The slug it asks for belongs to the sample story, imported first in the same run.
    const taken = file(
      'taken.md',
      `---\ntitle: Lost story\nslug: ${sampleStorySlug}\ntags: [Brand new tag]\n---\n\nWords.\n`,
    );
    const result = await cli('import', fixture, taken);
    expect(result.lines[0]).toBe(`created ${sampleStorySlug}`);
    expect(result.lines[1]).toMatch(new RegExp(`^failed ${taken}.*${sampleStorySlug}`));
    expect(result.code).toBe(1);
    const tags = await withStore(async (store) => (await store.tags.list()).map((t) => t.slug));
    expect(tags).not.toContain('brand-new-tag');
  });

  it('imports a story whose section the newsroom does not have, without one, and says so', async () => {
    const elsewhere = file('elsewhere.md', '---\ntitle: Filed elsewhere\nsection: nowhere\n---\n\nWords.\n');
    const result = await cli('import', elsewhere);
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe('created filed-elsewhere');
    expect(result.err).toContain(
      `warning ${elsewhere}: section "nowhere" is not one of the newsroom's: left unset (name one with --section)`,
    );
  });

  it('publishes with --status published and files stories under --section', async () => {
    await withStore((store) =>
      store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 }),
    );
    const before = Date.now();
    const result = await cli('import', '--status', 'published', '--section', 'world', fixture);
    expect(result.code).toBe(0);
    const article = await withStore((store) => store.articles.bySlug(sampleStorySlug));
    expect(article).toMatchObject({ status: 'published', section: { slug: 'world' } });
    expect(Date.parse(article?.publishedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  it('resolves see-also lines to stories imported earlier in the run, drafts as they are', async () => {
    const result = await cli(
      'import',
      sample('tomorrowland-main-stage-fire.txt'),
      sample('sebastiao-salgado-obituary.txt'),
      fixture,
    );
    expect(result.lines.at(-1)).toBe('3 created, 0 updated, 0 skipped, 0 failed');
    const article = await withStore((store) => store.articles.bySlug(sampleStorySlug, { status: 'any' }));
    expect(article?.body.filter((b) => b.type === 'see-also').map((b) => b.slug)).toEqual([
      tomorrowlandSlug,
      salgadoSlug,
    ]);
  });

  it('shows a progress bar on a terminal for long imports only, never with --json', async () => {
    const long = file('long.xml', feed(numbered(60)));
    const shown = await cli('import', long);
    expect(shown.lines.at(-1)).toBe('60 created, 0 updated, 0 skipped, 0 failed');
    expect(
      shown.status.some((line) => /^importing \[#*-*\] \d+% · \d+ articles · input 1 of 1$/.test(line)),
    ).toBe(true);
    expect(shown.status.at(-1)).toBe('');

    const json = await cli(
      'import',
      '--json',
      file('long-2.xml', feed(numbered(60).map((i) => ({ ...i, guid: `${i.guid}-b` })))),
    );
    expect(json.status).toEqual([]);
    const short = await cli(
      'import',
      file('short.xml', feed(numbered(3).map((i) => ({ ...i, guid: `${i.guid}-c` })))),
    );
    expect(short.status).toEqual([]);
  });

  it('reads relative paths from where the command was run, and names them as given', async () => {
    env.INIT_CWD = dir;
    file('wire.xml', feed(numbered(2)));
    const result = await cli('import', 'wire.xml', 'missing.txt');
    expect(result.lines).toEqual([
      'created harbour-report-number-1',
      'created harbour-report-number-2',
      'failed missing.txt: no such file',
      '2 created, 0 updated, 0 skipped, 1 failed',
    ]);
  });

  it('refuses wrong arguments with exit code 2 before opening the database', async () => {
    const database = join(dir, 'newsroom.db');
    for (const argv of [
      ['import'],
      ['import', '--status', 'archived', fixture],
      ['import', '--section', 'Not A Slug', fixture],
      ['import', '--colour', 'red', fixture],
      ['import', ...Array.from({ length: 1_001 }, (_, i) => `story-${i}.txt`)],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.slice(0, 3).join(' ')).toBe(2);
      expect(result.err).toMatch(/^import: /);
      expect(result.err).not.toContain('\n');
      expect(() => readFileSync(database)).toThrow();
    }
  });

  it('refuses an unknown --section with exit code 2 and imports nothing', async () => {
    const result = await cli('import', '--section', 'nowhere', fixture);
    expect(result.code).toBe(2);
    expect(result.err).toBe('import: no section has the slug "nowhere"; the sections are: none');
    expect(await withStore((store) => store.articleCount())).toBe(0);
  });

  it('stops at the articles-per-run limit, saying how many were left out', async () => {
    const store = await openStore(':memory:');
    const out: string[] = [];
    try {
      const command = createImportCommand({ limits: { articles: 2 } });
      const path = file('three.xml', feed(numbered(3)));
      const action = command.prepare({ values: {}, positionals: [path, fixture] });
      const code = await action({ store, io: { out: (l) => out.push(l), err: () => {} } });
      expect(code).toBe(1);
      expect(await store.articleCount()).toBe(2);
    } finally {
      await store.close();
    }
    expect(out.slice(2)).toEqual([
      `failed ${join(dir, 'three.xml')}: 1 of its 3 articles left out: a run imports at most 2 articles`,
      `failed ${fixture}: not imported: a run imports at most 2 articles; import it in another run`,
      '2 created, 0 updated, 0 skipped, 2 failed',
    ]);
  });
});

describe('newsroom import from a URL on the newsroom’s own network', () => {
  it('refuses it by default, and fetches it with NEWSROOM_FETCH_PRIVATE=allow', async () => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(feed(numbered(2)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    try {
      const refused = await cli('import', url);
      expect(refused.code).toBe(1);
      expect(refused.lines[0]).toBe(
        `failed ${url}: refused: 127.0.0.1 is a private or loopback address; set NEWSROOM_FETCH_PRIVATE=allow to fetch from your own network`,
      );
      env.NEWSROOM_FETCH_PRIVATE = 'allow';
      const allowed = await cli('import', url);
      expect(allowed.code).toBe(0);
      expect(allowed.lines.filter((line) => line.startsWith('created '))).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** A news site's page for one story, with the metadata and furniture real pages carry. */
function webPage(section: string): string {
  const paragraph = (n: number) =>
    `<p>Paragraph ${n} of the report: the harbour authority said the breakwater held through the night, and crews began clearing the quay at dawn.</p>`;
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour wall holds | The Coast Gazette</title>
<link rel="canonical" href="https://coast.example/news/harbour-wall-holds">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour wall holds as storm passes","description":"The breakwater survived the worst night in a decade.","datePublished":"2026-05-12T06:00:00+01:00","author":[{"@type":"Person","name":"Ana Ruiz"}],"articleSection":"${section}","keywords":["Storms","Harbours"]}</script>
</head><body><nav><a href="/">Home</a> › <a href="/news">News</a></nav>
<div class="cookie-banner"><p>We use cookies to improve the site.</p><button>Accept all</button></div>
<article><h1>Harbour wall holds as storm passes</h1>
${[1, 2, 3].map(paragraph).join('\n')}
<p>Read more: <a href="/news/storm-warning">Storm warning for the whole coast</a></p>
<ul class="share"><li><a href="#">Share on Facebook</a></li><li><a href="#">Copy link</a></li></ul>
${[4, 5].map(paragraph).join('\n')}
</article><aside><h3>Most read</h3><ul><li><a href="/a">Ferry fares rise</a></li></ul></aside></body></html>`;
}

describe('newsroom import of web pages', () => {
  it('reads a page by its address (with --allow-private) and as a file as one story', async () => {
    const page = webPage('Weather');
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/news/harbour-wall-holds`;
    try {
      const byAddress = await cli('import', '--allow-private', url);
      expect(byAddress.code).toBe(0);
      expect(byAddress.lines).toEqual([
        'created harbour-wall-holds-as-storm-passes',
        '1 created, 0 updated, 0 skipped, 0 failed',
      ]);
      // The section the page names is not the newsroom's: the story comes in without one.
      expect(byAddress.err).toContain(
        `warning ${url}: section "weather" is not one of the newsroom's: left unset (name one with --section)`,
      );

      const asFile = await cli('import', file('saved-page.html', page));
      expect(asFile.lines).toEqual([
        'skipped harbour-wall-holds-as-storm-passes: unchanged',
        '0 created, 0 updated, 1 skipped, 0 failed',
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await withStore(async (store) => {
      const article = await store.articles.bySlug('harbour-wall-holds-as-storm-passes', { status: 'any' });
      expect(article).toMatchObject({
        headline: 'Harbour wall holds as storm passes',
        standfirst: 'The breakwater survived the worst night in a decade.',
        canonicalUrl: 'https://coast.example/news/harbour-wall-holds',
        language: 'en-GB',
        section: null,
      });
      expect(article?.authors.map((author) => author.name)).toEqual(['Ana Ruiz']);
      expect(article?.tags.map((tag) => tag.name)).toEqual(['Storms', 'Harbours']);
      expect(article?.body.map((block) => block.type)).toEqual([
        'paragraph',
        'paragraph',
        'paragraph',
        'see-also',
        'paragraph',
        'paragraph',
      ]);
      expect((await store.articles.list({ status: 'draft', limit: 10 })).items).toHaveLength(1);
    });
  });

  it('files a page under the section it names when the newsroom has it', async () => {
    await withStore((store) =>
      store.sections.create({ slug: 'weather', name: 'Weather', description: null, order: 1 }),
    );
    const result = await cli('import', file('page.html', webPage('Weather')));
    expect(result.code).toBe(0);
    expect(result.err).not.toContain('section');
    await withStore(async (store) => {
      const article = await store.articles.bySlug('harbour-wall-holds-as-storm-passes', { status: 'any' });
      expect(article?.section?.slug).toBe('weather');
    });
  });

  it('gives a page without a story, broken or hostile input one line each and goes on', async () => {
    const menu = file(
      'menu.html',
      '<!DOCTYPE html><html><body><nav><a href="/">Home</a></nav><footer>© 2026</footer></body></html>',
    );
    const binary = file('photo.html', Buffer.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0x00, 0xff, 0xd8]));
    // Just under 10 MB of nested tags (900,000 levels).
    const nested = file(
      'nested.html',
      `<!DOCTYPE html><html><body>${'<div>'.repeat(900_000)}x${'</div>'.repeat(900_000)}</body></html>`,
    );
    // Unclosed elements and stray end tags, read as a browser would: the story is still there.
    const broken = file(
      'broken.html',
      webPage('Weather').replaceAll('</p>', '').replace('</article>', '</span></div>'),
    );
    const result = await cli('import', menu, binary, nested, broken);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `failed ${menu}: no article text found in menu.html`,
      `failed ${binary}: binary data (NUL bytes), not text`,
      `failed ${nested}: markup nested more than 400 levels deep: not a page that can be read`,
      'created harbour-wall-holds-as-storm-passes',
      '1 created, 0 updated, 0 skipped, 3 failed',
    ]);
    await withStore(async (store) => {
      expect((await store.articles.list({ status: 'draft', limit: 10 })).items).toHaveLength(1);
    });
  });
});
