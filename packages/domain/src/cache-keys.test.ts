import { describe, expect, it } from 'vitest';
import {
  articleCacheKeys,
  commentCacheKeys,
  compactCacheKeys,
  labelKeysOf,
  taxonomyCacheKeys,
} from './cache-keys.js';

const story = {
  id: 'a1',
  slug: 'storm-hits-coast',
  status: 'draft' as const,
  section: { slug: 'world', name: 'World' },
  tags: [{ slug: 'weather', name: 'Weather', type: 'topic' as const }],
  authors: [{ slug: 'ana', name: 'Ana' }],
};

describe('the cache keys a change touches', () => {
  it('are only its own for a story readers never see', () => {
    expect(articleCacheKeys(story, { ...story, slug: 'storm-reaches-coast' })).toEqual([
      'article:a1',
      'slug:storm-hits-coast',
      'slug:storm-reaches-coast',
    ]);
  });

  it('take in its lists before and after, the front page, feeds and search once readers see it', () => {
    const moved = { ...story, status: 'published' as const, section: { slug: 'uk', name: 'UK' } };
    expect(articleCacheKeys(story, moved).sort()).toEqual(
      [
        'article:a1',
        'slug:storm-hits-coast',
        'section:world',
        'section:uk',
        'tag:weather',
        'author:ana',
        'front',
        'feeds',
        'search',
      ].sort(),
    );
    expect(articleCacheKeys(moved, null)).toContain('section:uk');
  });

  it("touch a story's page for a comment only when readers see the comment", () => {
    expect(commentCacheKeys('a1', false)).toEqual(['comments:a1']);
    expect(commentCacheKeys('a1', true)).toEqual(['comments:a1', 'article:a1']);
  });

  it('put sections in every page menu, and name every slug a tag had', () => {
    expect(taxonomyCacheKeys('section', ['world'])).toContain('navigation');
    expect(taxonomyCacheKeys('tag', ['weather', 'climate', 'weather'])).toEqual([
      'tag:weather',
      'tag:climate',
      'label:tag:weather',
      'label:tag:climate',
      'every:tag',
      'front',
      'feeds',
      'search',
    ]);
  });
});

describe('the names an article shows', () => {
  it('are its section, tags and authors, apart from the lists of their stories', () => {
    expect(labelKeysOf(story)).toEqual(['label:section:world', 'label:tag:weather', 'label:author:ana']);
    expect(articleCacheKeys(null, { ...story, status: 'published' })).not.toContain('label:tag:weather');
  });
});

describe('keys for one header', () => {
  it('stay as they are when short, and grow broader, never narrower, when long', () => {
    expect(compactCacheKeys(['article:a1', 'label:tag:weather', 'article:a1'])).toEqual([
      'article:a1',
      'label:tag:weather',
    ]);
    const many = Array.from({ length: 200 }, (_, i) => [
      `article:${i}`,
      `label:tag:t${i}`,
      `slug:s${i}`,
    ]).flat();
    expect(compactCacheKeys([...many.filter((key) => key.startsWith('label')), 'front'], 2_000)).toEqual([
      'every:tag',
      'front',
    ]);
    expect(compactCacheKeys([...many, 'comments:a1'], 2_000)).toEqual(['front', 'every:tag', 'comments:a1']);
    expect(
      compactCacheKeys(
        Array.from({ length: 300 }, (_, i) => `comments:${i}`),
        2_000,
      ),
    ).toBeNull();
  });
});
