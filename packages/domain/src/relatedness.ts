import type { Article } from './article.js';

type Comparable = Pick<Article, 'id' | 'tags' | 'section' | 'publishedAt'>;

/** Weights of the three signals; they add up to 1 so a score reads as a fraction. */
export const relatednessWeights = { tags: 0.6, section: 0.15, recency: 0.25 } as const;
/** Days after which the recency signal has halved. */
export const recencyHalfLifeDays = 14;

/**
 * How related two articles are, from 0 (nothing in common) to 1: shared tags (a shared
 * primary tag counts extra), the same section, and how close together they were published.
 * An article is never related to itself, and recency alone never relates two stories.
 */
export function relatednessScore(a: Comparable, b: Comparable): number {
  if (a.id === b.id) return 0;
  const tagScore = sharedTagScore(a.tags, b.tags);
  const sameSection = a.section !== null && a.section.slug === b.section?.slug ? 1 : 0;
  if (tagScore === 0 && sameSection === 0) return 0;
  const recency = recencyScore(a.publishedAt, b.publishedAt);
  const w = relatednessWeights;
  return w.tags * tagScore + w.section * sameSection + w.recency * recency;
}

/** Overlap of the smaller tag set with the larger, plus a bonus when the primary tags match. */
function sharedTagScore(a: Comparable['tags'], b: Comparable['tags']): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bSlugs = new Set(b.map((t) => t.slug));
  const shared = a.filter((t) => bSlugs.has(t.slug)).length;
  const overlap = shared / Math.min(a.length, b.length);
  const samePrimary = a[0]?.slug === b[0]?.slug ? 1 : 0;
  return 0.75 * overlap + 0.25 * samePrimary;
}

function recencyScore(a: string | null, b: string | null): number {
  if (a === null || b === null) return 0;
  const days = Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
  return 0.5 ** (days / recencyHalfLifeDays);
}

/** Candidates ranked by relatedness, best first, leaving out the article itself and zero scores. */
export function rankRelated<T extends Comparable>(
  article: Comparable,
  candidates: readonly T[],
  limit = 5,
): T[] {
  return candidates
    .map((candidate) => ({ candidate, score: relatednessScore(article, candidate) }))
    .filter((r) => r.score > 0)
    .sort(
      (x, y) =>
        y.score - x.score || (y.candidate.publishedAt ?? '').localeCompare(x.candidate.publishedAt ?? ''),
    )
    .slice(0, limit)
    .map((r) => r.candidate);
}
