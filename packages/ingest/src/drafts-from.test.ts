import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftsFrom } from './drafts-from.js';
import { IngestError } from './ingest-error.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ingest-drafts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('draftsFrom', () => {
  it('reads the scraped sample as one text draft, its see-also lines left for the resolving step', async () => {
    const drafts = await draftsFrom(fixture('scraped-article.txt'));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.origin).toBe(fixture('scraped-article.txt'));
    expect(drafts[0]?.sources).toEqual([{ name: 'AP', type: 'wire', url: null }]);
    expect(drafts[0]?.body.find((b) => b.type === 'see-also')).toEqual({
      type: 'see-also',
      slug: null,
      headline: "Fire destroys Tomorrowland's iconic main stage",
    });
  });

  it('reads Markdown and feeds by their extension', async () => {
    expect((await draftsFrom(fixture('story.md'))).map((d) => d.headline)).toEqual([
      'Night trains return to the Alps',
    ]);
    expect(await draftsFrom(fixture('feed.rss'))).toHaveLength(3);
    expect(await draftsFrom(fixture('feed.atom'))).toHaveLength(2);
  });

  it('reads a feed from a URL without an extension by its content', async () => {
    const feed = '<rss version="2.0"><channel><item><title>From the web</title></item></channel></rss>';
    const drafts = await draftsFrom('https://news.example/feed', { fetch: async () => new Response(feed) });
    expect(drafts.map((d) => [d.origin, d.headline])).toEqual([
      ['https://news.example/feed (item 1)', 'From the web'],
    ]);
  });

  it('reads a web page, named or not, as one story', async () => {
    const paragraph =
      'The harbour reopened on Tuesday after a week of storms kept every ferry in port. '.repeat(4);
    const html = `<!DOCTYPE html><html lang="en"><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
    for (const name of ['page', 'page.html']) {
      const path = join(dir, name);
      await writeFile(path, html);
      const [draft, ...more] = await draftsFrom(path);
      expect(more).toEqual([]);
      expect(draft?.headline).toBe('Harbour reopens');
      expect(draft?.language).toBe('en');
      expect(draft?.body.filter((block) => block.type === 'paragraph')).toHaveLength(2);
    }
  });

  it('refuses a page with no article in it, naming the file', async () => {
    const path = join(dir, 'menu.html');
    await writeFile(
      path,
      '<!DOCTYPE html><html><body><nav><a href="/">Home</a></nav><footer>© 2026</footer></body></html>',
    );
    await expect(draftsFrom(path)).rejects.toThrow(IngestError);
    await expect(draftsFrom(path)).rejects.toThrow(`${path}: no article text found in menu.html`);
  });

  it('passes on the refusals of readInput and the parsers', async () => {
    await expect(draftsFrom(join(dir, 'nothing.txt'))).rejects.toThrow('no such file');
    const blank = join(dir, 'furniture.txt');
    await writeFile(blank, 'Share This Article\n\nLeave a comment\n');
    await expect(draftsFrom(blank)).rejects.toThrow(`${blank}: no headline`);
  });
});
