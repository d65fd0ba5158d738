import { describe, expect, it } from 'vitest';
import { apiUrl, type TargetChoices, targetsOf } from './targets.ts';

const choices: TargetChoices = {
  sampleSlug: 'the-sample-story',
  tag: { slug: 'artificial-intelligence', articleCount: 109 },
  searchWords: {
    rare: { word: 'dividend', hits: 30, share: 0.03, capped: false },
    common: { word: 'said', hits: 903, share: 0.9, capped: false },
  },
};

describe('apiUrl', () => {
  it('is a plain tRPC GET with the input as URL-encoded JSON', () => {
    expect(apiUrl('article.bySlug', { slug: 'a-b' })).toBe(
      '/article.bySlug?input=%7B%22slug%22%3A%22a-b%22%7D',
    );
  });
});

describe('targetsOf', () => {
  const targets = targetsOf(choices, 'WyIyMDI1Il0');

  it('measures six API reads and four pages', () => {
    expect(targets.map((t) => t.id)).toEqual([
      'api article.bySlug',
      'api article.list',
      'api article.list deep',
      'api tag.bySlug',
      'api article.search dividend',
      'api article.search said',
      'site /',
      'site /articles/<sample>',
      'site /tags/artificial-intelligence',
      'site /search?q=said',
    ]);
  });

  it('asks for the deep page with the cursor it was given', () => {
    const deep = targets.find((t) => t.id === 'api article.list deep');
    const input = new URL(`http://x${deep?.url}`).searchParams.get('input');
    expect(JSON.parse(input ?? '')).toEqual({ limit: 20, cursor: 'WyIyMDI1Il0' });
  });

  it('names the site pages by their addresses', () => {
    const urls = targets.filter((t) => t.service === 'site').map((t) => t.url);
    expect(urls).toEqual([
      '/',
      '/articles/the-sample-story',
      '/tags/artificial-intelligence',
      '/search?q=said',
    ]);
  });
});
