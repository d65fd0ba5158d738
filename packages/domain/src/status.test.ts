import { describe, expect, it } from 'vitest';
import { type ArticleStatus, articleStatuses } from './article.js';
import { canTransition, statusTransition } from './status.js';

const allowedMoves: [ArticleStatus, ArticleStatus][] = [
  ['draft', 'scheduled'],
  ['draft', 'published'],
  ['draft', 'archived'],
  ['scheduled', 'draft'],
  ['scheduled', 'published'],
  ['scheduled', 'archived'],
  ['published', 'draft'],
  ['published', 'archived'],
  ['archived', 'draft'],
];
const isAllowed = (from: ArticleStatus, to: ArticleStatus) =>
  allowedMoves.some(([f, t]) => f === from && t === to);
const everyPair = articleStatuses.flatMap((from) => articleStatuses.map((to) => [from, to] as const));

describe('statusTransition', () => {
  it.each(allowedMoves)('allows %s → %s', (from, to) => {
    expect(statusTransition(from, to)).toEqual({ ok: true, to });
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(everyPair.filter(([from, to]) => from !== to && !isAllowed(from, to)))(
    'refuses %s → %s',
    (from, to) => {
      const result = statusTransition(from, to);
      expect(result.ok).toBe(false);
      expect(canTransition(from, to)).toBe(false);
    },
  );

  it('refuses archived → scheduled with a reason naming where it can go', () => {
    expect(statusTransition('archived', 'scheduled')).toEqual({
      ok: false,
      reason: 'cannot move an article from archived to scheduled; from archived it can go to draft',
    });
  });

  it('refuses published → scheduled, naming every option', () => {
    const result = statusTransition('published', 'scheduled');
    expect(result).toEqual({
      ok: false,
      reason:
        'cannot move an article from published to scheduled; from published it can go to draft, archived',
    });
  });

  it.each(articleStatuses)('refuses %s → itself, saying it is already there', (status) => {
    expect(statusTransition(status, status)).toEqual({ ok: false, reason: `article is already ${status}` });
    expect(canTransition(status, status)).toBe(false);
  });

  it('lets every status get back to draft, and only through draft out of the archive', () => {
    for (const status of articleStatuses) {
      if (status !== 'draft') expect(canTransition(status, 'draft')).toBe(true);
    }
    expect(articleStatuses.filter((to) => canTransition('archived', to))).toEqual(['draft']);
  });
});
