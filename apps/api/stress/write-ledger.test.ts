import type { Article, Comment } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { type ArticleContent, WriteLedger } from './write-ledger.js';

/** The stress tests trust this check to find lost and half-written writes: here it is seen to. */

const content = (headline: string, tagSlugs = ['climate']): ArticleContent => ({
  headline,
  body: [{ type: 'paragraph', text: `Body of ${headline}` }],
  tagSlugs,
});

/** An article as stored, with only what the ledger compares. */
const stored = (id: string, state: ArticleContent, version = 1): Article =>
  ({
    ...state,
    id,
    version,
    tags: state.tagSlugs.map((slug) => ({ slug, name: slug })),
  }) as unknown as Article;

const comment = (id: string, body: string): Comment =>
  ({
    id,
    articleId: 'a',
    parentId: null,
    displayName: 'R',
    body,
    status: 'approved',
    createdAt: '',
  }) as Comment;

describe('the write ledger', () => {
  it('finds nothing wrong when every acknowledged write is there as acknowledged', () => {
    const ledger = new WriteLedger('Test');
    ledger.created(stored('a', content('Test one')), content('Test one'));
    const index = ledger.updateSent('a', content('Test two'));
    ledger.updateAcked('a', index, stored('a', content('Test two'), 2));
    ledger.commentSent('Test comment');
    ledger.commentAcked(comment('c', 'Test comment'));
    expect(
      ledger.problemsWith([stored('a', content('Test two'), 2)], [comment('c', 'Test comment')]),
    ).toEqual([]);
  });

  it('reports an acknowledged article or comment that is missing', () => {
    const ledger = new WriteLedger('Test');
    ledger.created(stored('a', content('Test one')), content('Test one'));
    ledger.commentSent('Test comment');
    ledger.commentAcked(comment('c', 'Test comment'));
    expect(ledger.problemsWith([], [])).toHaveLength(2);
  });

  it('reports an article back at a state older than the one acknowledged', () => {
    const ledger = new WriteLedger('Test');
    ledger.created(stored('a', content('Test one')), content('Test one'));
    ledger.updateAcked('a', ledger.updateSent('a', content('Test two')), stored('a', content('Test two'), 2));
    expect(ledger.problemsWith([stored('a', content('Test one'))], [])).toHaveLength(1);
  });

  it('accepts a later state whose answer was lost, but not a refused one', () => {
    const lost = new WriteLedger('Test');
    lost.created(stored('a', content('Test one')), content('Test one'));
    lost.updateSent('a', content('Test two'));
    lost.updateLost('a');
    expect(lost.problemsWith([stored('a', content('Test two'), 2)], [])).toEqual([]);

    const refused = new WriteLedger('Test');
    refused.created(stored('a', content('Test one')), content('Test one'));
    refused.updateRefused('a', refused.updateSent('a', content('Test two')));
    expect(refused.problemsWith([stored('a', content('Test two'), 2)], [])).toHaveLength(1);
  });

  it('reports an article half-written: the new headline with the old tags', () => {
    const ledger = new WriteLedger('Test');
    ledger.created(stored('a', content('Test one', ['climate'])), content('Test one', ['climate']));
    ledger.updateSent('a', content('Test two', ['russia']));
    ledger.updateLost('a');
    expect(ledger.problemsWith([stored('a', content('Test two', ['climate']), 2)], [])).toHaveLength(1);
  });

  it('reports articles and comments of its own that were never sent', () => {
    const ledger = new WriteLedger('Test');
    ledger.createLost(content('Test lost'));
    expect(ledger.problemsWith([stored('x', content('Test lost'))], [])).toEqual([]);
    expect(
      ledger.problemsWith([stored('y', content('Test invented'))], [comment('d', 'Test comment never sent')]),
    ).toHaveLength(2);
  });
});
