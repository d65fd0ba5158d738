import { SlugSchema } from '@newsroom/domain';

export interface HeadlineMatch {
  headline: string;
  how: 'exact' | 'normalized' | 'fuzzy';
  /** 1 for exact and normalized matches; the Sørensen–Dice coefficient for fuzzy ones. */
  score: number;
}

/** The lowest Sørensen–Dice coefficient (character bigrams of normalized headlines) that counts as the same story. */
export const fuzzyHeadlineThreshold = 0.85;

/**
 * The candidate headline a "See also" line means: an exact match first, then one equal after
 * normalizing (case, diacritics, quote and dash styles, punctuation, spacing), then the most
 * similar above `fuzzyHeadlineThreshold`. The first candidate wins a tie. Null when none is close.
 */
export function matchHeadline(wanted: string, candidates: string[]): HeadlineMatch | null {
  const exact = candidates.find((candidate) => candidate.trim() === wanted.trim());
  if (exact !== undefined) return { headline: exact, how: 'exact', score: 1 };

  const key = normalizedHeadline(wanted);
  if (!key) return null;
  const keys = candidates.map(normalizedHeadline);
  const normalizedIndex = keys.indexOf(key);
  if (normalizedIndex >= 0) {
    return { headline: candidates[normalizedIndex] as string, how: 'normalized', score: 1 };
  }

  const wantedBigrams = bigramsOf(key);
  let best: HeadlineMatch | null = null;
  for (const [index, candidateKey] of keys.entries()) {
    const score = diceCoefficient(wantedBigrams, bigramsOf(candidateKey));
    if (score >= fuzzyHeadlineThreshold && (best === null || score > best.score)) {
      best = { headline: candidates[index] as string, how: 'fuzzy', score };
    }
  }
  return best;
}

/** Lowercase, no diacritics, straight quotes gone, every other run of punctuation or space one space. */
export function normalizedHeadline(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function bigramsOf(text: string): Map<string, number> {
  const bigrams = new Map<string, number>();
  const chars = Array.from(text);
  for (let i = 0; i + 1 < chars.length; i++) {
    const bigram = `${chars[i]}${chars[i + 1]}`;
    bigrams.set(bigram, (bigrams.get(bigram) ?? 0) + 1);
  }
  return bigrams;
}

/** 2·|A∩B| / (|A|+|B|) over multisets of bigrams: 1 for the same text, 0 for nothing shared. */
function diceCoefficient(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const count of a.values()) sizeA += count;
  for (const [bigram, count] of b) {
    sizeB += count;
    shared += Math.min(count, a.get(bigram) ?? 0);
  }
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** A candidate's slug, kept only when it is a slug the Store accepts. */
export function validSlugOrNull(slug: string | null | undefined): string | null {
  return slug != null && SlugSchema.safeParse(slug).success ? slug : null;
}
