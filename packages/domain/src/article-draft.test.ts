import { describe, expect, it } from 'vitest';
import { ArticleDraftSchema } from './article-draft.js';
import { limits } from './limits.js';

const contentHash = 'a'.repeat(64);

describe('ArticleDraftSchema', () => {
  it('fills what the copy did not carry, so a headline, a body and a hash make a draft', () => {
    expect(ArticleDraftSchema.parse({ contentHash, headline: 'Harbour lights return', body: [] })).toEqual({
      origin: '',
      sourceId: null,
      contentHash,
      headline: 'Harbour lights return',
      slug: null,
      standfirst: null,
      dateline: null,
      body: [],
      heroImage: null,
      sources: [],
      tags: [],
      authors: [],
      section: null,
      status: null,
      publishedAt: null,
      canonicalUrl: null,
      language: null,
      warnings: [],
    });
  });

  it('keeps names as the copy gives them, trimmed, and an unresolved see-also line', () => {
    const draft = ArticleDraftSchema.parse({
      contentHash,
      headline: ' Harbour ',
      body: [{ type: 'see-also', slug: null, headline: 'Earlier story' }],
      tags: [{ name: ' Climate ', type: 'topic' }, { name: 'Lisbon' }],
      authors: [' Bea Reporter'],
      status: 'archived',
    });
    expect(draft).toMatchObject({
      headline: 'Harbour',
      tags: [{ name: 'Climate', type: 'topic' }, { name: 'Lisbon' }],
      authors: ['Bea Reporter'],
      status: 'archived',
    });
  });

  it('refuses what the Store could not keep, naming the field', () => {
    const refused = (draft: object) =>
      ArticleDraftSchema.safeParse({ contentHash, headline: 'H', body: [], ...draft }).error?.issues.map(
        (issue) => issue.path.join('.'),
      );
    expect(refused({ contentHash: 'not a hash' })).toEqual(['contentHash']);
    expect(refused({ headline: '   ' })).toEqual(['headline']);
    expect(refused({ slug: 'Not A Slug' })).toEqual(['slug']);
    expect(refused({ authors: [''] })).toEqual(['authors.0']);
    expect(
      refused({ tags: Array.from({ length: limits.tagsPerArticle + 1 }, (_, i) => ({ name: `t${i}` })) }),
    ).toEqual(['tags']);
    expect(refused({ publishedAt: 'yesterday' })).toEqual(['publishedAt']);
  });
});
