import { limits } from '@newsroom/domain';
import type { SeeAlsoResolver } from '@newsroom/ingest';
import type { Store } from './store.js';

/** Hits read per search; a see-also headline names one story, so the best few are enough. */
const hitsPerSearch = 20;

export interface SeeAlsoResolverOptions {
  /**
   * Articles the caller knows of, headline → slug, in any status: those imported earlier in
   * the same run, which search does not see while they are drafts.
   */
  known?: ReadonlyMap<string, string>;
}

/**
 * Resolves "See also <headline>" lines against the Store: candidates come from the Store's
 * search (published articles) with the headline's words, widened step by step to its most
 * distinctive words when nothing matches, plus `known`; ingest's matchHeadline decides
 * (exact, then normalized, then fuzzy). Null keeps the see-also unresolved, with its text.
 */
export function seeAlsoResolverOf(store: Store, options: SeeAlsoResolverOptions = {}): SeeAlsoResolver {
  return async (headline) => {
    // Loaded on first use, not at the top: every process that opens a Store imports this module.
    const { matchHeadline } = await import('@newsroom/ingest');
    const candidates = new Map<string, string>(options.known ?? []);
    for (const q of searchesFor(headline)) {
      const page = await store.articles.search({ q, limit: hitsPerSearch });
      for (const hit of page.items) if (!candidates.has(hit.headline)) candidates.set(hit.headline, hit.slug);
      const match = matchHeadline(headline, [...candidates.keys()]);
      if (match) return candidates.get(match.headline) ?? null;
    }
    return null;
  };
}

/**
 * Searches from narrowest to widest: every word of the headline (all must match), then its
 * three longest words, then each of its two longest alone, so a headline quoted with a typo
 * or a word changed still finds candidates for the fuzzy match.
 */
export function searchesFor(headline: string): string[] {
  const words = headline.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];
  if (words.length === 0) return [];
  const longest = [...new Set(words)].sort((a, b) => b.length - a.length);
  const searches = [
    fitted(words),
    fitted(longest.slice(0, 3)),
    ...longest.slice(0, 2).map((word) => fitted([word])),
  ];
  return [...new Set(searches.filter((q) => q !== ''))];
}

/** As many of the words as fit the search box's limit. */
function fitted(words: readonly string[]): string {
  let q = '';
  for (const word of words) {
    const next = q === '' ? word : `${q} ${word}`;
    if (next.length > limits.searchQuery) break;
    q = next;
  }
  return q;
}
