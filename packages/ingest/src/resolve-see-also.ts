import { type ArticleDraft, limits } from '@newsroom/domain';
import { matchHeadline, validSlugOrNull } from './see-also.js';

/** An existing article a "See also <headline>" line may name. */
export interface SeeAlsoCandidate {
  headline: string;
  slug: string;
}

/** Where the candidates for a draft's see-also lines come from; the caller supplies them. */
export interface SeeAlsoCandidates {
  /**
   * Articles the caller knows of already, headline → slug, in any status: such as those imported
   * earlier in the same run, which a search of published articles does not see while they are drafts.
   */
  known?: ReadonlyMap<string, string>;
  /**
   * Finds existing articles by the words of `q`, best first, at most `limit` (an import passes
   * the Store's search). Asked with the headline's words, then fewer of them, until one matches.
   */
  search?: (q: string, limit: number) => Promise<readonly SeeAlsoCandidate[]>;
}

/** Hits read per search: a see-also headline names one story, so the best few are enough. */
export const seeAlsoHitsPerSearch = 20;

/**
 * The draft with each unresolved see-also block linked to the article its headline names, in
 * body order: the candidates are `known`, then what `search` finds for the headline's words
 * (widened step by step, see searchesFor), and matchHeadline picks one (exact, then normalized,
 * then fuzzy). A block it cannot place stays unresolved (slug null) with its headline, and the
 * draft's warnings say so. A search that throws (the Store is down) rejects: the caller decides
 * what that means for its run. The draft given is not changed.
 */
export async function resolveSeeAlso(
  draft: ArticleDraft,
  candidates: SeeAlsoCandidates,
): Promise<ArticleDraft> {
  const body = [...draft.body];
  const warnings = [...draft.warnings];
  for (const [index, block] of body.entries()) {
    if (block.type !== 'see-also' || block.slug !== null) continue;
    const answer = await slugFor(block.headline, candidates);
    const slug = validSlugOrNull(answer);
    if (answer != null && slug === null)
      warnings.push(`see also "${block.headline}": resolver gave "${answer}", not a slug`);
    else if (slug === null)
      warnings.push(`see also "${block.headline}": no matching article, kept unresolved`);
    body[index] = { ...block, slug };
  }
  return { ...draft, body, warnings };
}

async function slugFor(headline: string, { known, search }: SeeAlsoCandidates): Promise<string | null> {
  const found = new Map<string, string>(known ?? []);
  const pick = () => {
    const match = matchHeadline(headline, [...found.keys()]);
    return match ? (found.get(match.headline) ?? null) : null;
  };
  if (!search) return pick();
  for (const q of searchesFor(headline)) {
    for (const hit of await search(q, seeAlsoHitsPerSearch)) {
      if (!found.has(hit.headline)) found.set(hit.headline, hit.slug);
    }
    const slug = pick();
    if (slug !== null) return slug;
  }
  return null;
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
