import type { ArticleStatus } from './article.js';

/**
 * The moves an article's status may make. Publishing is allowed from draft or scheduled;
 * an archived article goes back to draft before it can be scheduled or published again.
 */
const allowed: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ['scheduled', 'published', 'archived'],
  scheduled: ['draft', 'published', 'archived'],
  published: ['draft', 'archived'],
  archived: ['draft'],
};

export type StatusTransition = { ok: true; to: ArticleStatus } | { ok: false; reason: string };

export function statusTransition(from: ArticleStatus, to: ArticleStatus): StatusTransition {
  if (allowed[from].includes(to)) return { ok: true, to };
  const options = allowed[from].join(', ');
  return {
    ok: false,
    reason:
      from === to
        ? `article is already ${from}`
        : `cannot move an article from ${from} to ${to}; from ${from} it can go to ${options}`,
  };
}

export function canTransition(from: ArticleStatus, to: ArticleStatus): boolean {
  return statusTransition(from, to).ok;
}
