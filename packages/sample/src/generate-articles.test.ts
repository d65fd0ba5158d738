import { ImportArticleInputSchema } from '@newsroom/db';
import type { BlockType } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { defaultGeneratedUntil, generateArticles } from './generate-articles.js';
import { sampleAuthors, sampleSections, sampleTags } from './sample-taxonomy.js';

const take = (count: number, seed: number) => [...generateArticles({ count, seed })];

describe('generateArticles', () => {
  it('gives the same articles for the same seed, and others for another seed', () => {
    expect(take(40, 7)).toEqual(take(40, 7));
    expect(take(40, 8).map((a) => a.slug)).not.toEqual(take(40, 7).map((a) => a.slug));
  });

  it('makes valid, published articles, oldest first, within the span before the base date', () => {
    const articles = take(500, 1);
    const times = articles.map((a) => Date.parse(a.publishedAt ?? ''));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const until = defaultGeneratedUntil.getTime();
    expect(Math.max(...times)).toBeLessThan(until);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(until - 180 * 86_400_000);
    for (const article of articles) {
      const parsed = ImportArticleInputSchema.parse(article);
      expect(parsed.status).toBe('published');
      expect(Date.parse(parsed.createdAt)).toBeLessThan(Date.parse(parsed.publishedAt ?? ''));
    }
  });

  it('gives every article a unique id and slug, even when headlines repeat', () => {
    const articles = take(3_000, 5);
    expect(new Set(articles.map((a) => a.id)).size).toBe(3_000);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(3_000);
    expect(new Set(articles.map((a) => a.headline)).size).toBeLessThan(3_000);
  });

  it('uses only the sample sections, tags and authors, across several sections', () => {
    const sections = new Set(sampleSections.map((s) => s.slug));
    const tags = new Set(sampleTags.map((t) => t.slug));
    const authors = new Set(sampleAuthors.map((a) => a.slug));
    const articles = take(300, 3);
    for (const article of articles) {
      expect(sections.has(article.sectionSlug ?? '')).toBe(true);
      for (const tag of article.tagSlugs ?? []) expect(tags.has(tag)).toBe(true);
      for (const author of article.authorSlugs ?? []) expect(authors.has(author)).toBe(true);
      expect(article.authorSlugs?.length).toBeGreaterThan(0);
    }
    expect(new Set(articles.map((a) => a.sectionSlug)).size).toBeGreaterThanOrEqual(6);
  });

  it('uses every block type and inline markup, with see-also links to earlier articles only', () => {
    const articles = take(300, 4);
    const seen = new Set<BlockType>();
    const earlier = new Set<string>();
    let markup = '';
    for (const article of articles) {
      for (const block of article.body) {
        seen.add(block.type);
        if (block.type === 'see-also') expect(earlier.has(block.slug ?? '')).toBe(true);
        if (block.type === 'image')
          expect(block).toMatchObject({ width: 1600, height: 900, credit: expect.any(String) });
        if (block.type === 'paragraph') markup += block.text;
      }
      earlier.add(article.slug ?? '');
    }
    expect([...seen].sort()).toEqual(['heading', 'image', 'list', 'paragraph', 'quote', 'see-also']);
    expect(markup).toMatch(/\*\*[^*]+\*\*/);
    expect(markup).toMatch(/(^|[^*])\*[^*]+\*([^*]|$)/);
    expect(markup).toMatch(/\[[^\]]+\]\(https:\/\/example\.org[^)]*\)/);
  });
});
