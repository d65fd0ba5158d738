import { describe, expect, it } from 'vitest';
import { draftsFrom } from '../src/drafts-from.js';
import { expectStoreAccepts } from '../src/testing/store-accepts.js';
import { corpusPages, draftAsExpected, expectedDraft, furnitureLeft } from './corpus-pages.js';

const pages = corpusPages();

describe('the ingest corpus', () => {
  it('has at least 30 pages, scraped text and web pages, in English, Spanish, French and German', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    for (const language of ['en', 'es', 'fr', 'de']) {
      const own = pages.filter((page) => page.name.startsWith(`${language}-`));
      expect(
        own.some((page) => page.name.endsWith('.txt')),
        language,
      ).toBe(true);
      expect(
        own.some((page) => page.name.endsWith('.html')),
        language,
      ).toBe(true);
    }
  });

  it.each(pages.map((page) => [page.name, page] as const))(
    'reads %s as its expected draft',
    async (_name, page) => {
      const [draft, ...more] = await draftsFrom(page.path);
      expect(more).toEqual([]);
      if (!draft) throw new Error('no draft');
      expect(draftAsExpected(draft, page.expected)).toEqual(expectedDraft(page.expected));
      expect(furnitureLeft(draft, page.expected)).toEqual([]);
      expectStoreAccepts(draft);
    },
  );
});
