import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createNewsroomClient } from '@newsroom/api/client';
import type { Store } from '@newsroom/db';
import { inlineToPlainText } from '@newsroom/domain';
import { draftsFrom, resolveSeeAlso } from '@newsroom/ingest';
import { sampleStorySlug } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, type SiteUnderTest, startSite } from './site';

// The whole way of outside copy: the scraped fixture read as `newsroom import` reads it,
// imported into an empty Store, read back through the API over HTTP, and shown by the article
// page, whose paragraphs must be the copy's own, word for word.

const fixture = createRequire(import.meta.url).resolve('@newsroom/sample/copy/scraped-article.txt');

/** The paragraphs of the scraped copy, read with no parser: every line but the headline and the page furniture. */
function copyParagraphs(text: string): string[] {
  const notParagraphs =
    /^(?:\d+ Min Read|See also\s.*|Additional sources\s.*|TAGGED:|Share This Article|Leave a comment|Diplomatic promotion and tariff threats)$/;
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(1).filter((line) => !notParagraphs.test(line));
}

function decodeEntities(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The text of every paragraph in the page's article body, as a reader sees it. */
function bodyParagraphs(html: string): string[] {
  const body = /<div class="article-body">(.*?)<\/div>\s*(?:<p class="credits">|<footer|<\/article>)/s.exec(
    html,
  )?.[1];
  if (!body) throw new Error('no article body in the page');
  return [...body.matchAll(/<p>(.*?)<\/p>/gs)].map((m) =>
    decodeEntities((m[1] ?? '').replace(/<[^>]+>/g, '')),
  );
}

let site: SiteUnderTest;
let store: Store;

beforeAll(async () => {
  site = await startSite({ stories: null });
  store = site.store;
});
afterAll(() => site.close());

describe('an imported story, from copy to page', () => {
  it('reaches the reader with the copy’s paragraphs word for word', async () => {
    const text = readFileSync(fixture, 'utf8');
    const paragraphs = copyParagraphs(text);
    expect(paragraphs).toHaveLength(21);

    const search = async (q: string, limit: number) => (await store.articles.search({ q, limit })).items;
    const drafts = await Promise.all(
      (await draftsFrom(fixture)).map((draft) => resolveSeeAlso(draft, { search })),
    );
    expect(drafts).toHaveLength(1);
    const result = await store.imports.importDraft(drafts[0] as (typeof drafts)[number], {
      status: 'published',
    });
    expect(result).toMatchObject({ action: 'created', article: { slug: sampleStorySlug } });

    const client = createNewsroomClient(site.apiUrl);
    const article = await client.article.bySlug.query({ slug: sampleStorySlug });
    const fromApi = article.body.flatMap((block) =>
      block.type === 'paragraph' ? [inlineToPlainText(block.text)] : [],
    );
    expect(fromApi).toEqual(paragraphs);
    expect(article.sources).toEqual([{ name: 'AP', type: 'wire', url: null }]);

    const page = await import('../src/pages/articles/[slug].astro');
    const { status, html } = await render(site.container, page, `/articles/${sampleStorySlug}`, {
      params: { slug: sampleStorySlug },
    });
    expect(status).toBe(200);
    expect(bodyParagraphs(html)).toEqual(paragraphs);
    expect(html).toContain('<h2>Diplomatic promotion and tariff threats</h2>');
    expect(html).toContain('<p class="credits">Additional sources: AP</p>');
  });
});
