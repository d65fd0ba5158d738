import { z } from 'zod';
import type { ArticleSummary } from './article.js';
import { limits } from './limits.js';
import { decodeTupleCursor, encodeTupleCursor, PageLimitSchema } from './pagination.js';

/**
 * What a reader typed into the search box, understood the way search engines taught them:
 * words (all must match), "quoted phrases", and -excluded words or -"phrases".
 * The Store turns it into its engine's syntax; nothing the reader typed reaches it as syntax.
 */
export interface SearchQuery {
  /** Words and phrases that must all appear; a phrase is several words in order. */
  include: string[][];
  /** Words and phrases that must not appear. */
  exclude: string[][];
}

/** Words as the search index sees them: letters, marks and digits, lowercased. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = { include: [], exclude: [] };
  // A quote may be straight or curly; an unclosed one runs to the end.
  const pattern = /(-?)(?:["“”„]([^"“”„]*)["“”„]?|(\S+))/gu;
  for (const match of input.matchAll(pattern)) {
    const negated = match[1] === '-';
    const text = match[2] ?? match[3] ?? '';
    const words = wordsOf(text);
    if (words.length === 0) continue;
    if (match[2] === undefined && !negated) {
      // A bare token such as "state-of-the-art" or "u.s." is several words that belong together.
      query.include.push(words);
    } else {
      (negated ? query.exclude : query.include).push(words);
    }
  }
  return query;
}

export const SearchTextSchema = z
  .string()
  .trim()
  .min(1, { message: 'search text must not be empty', abort: true })
  .max(limits.searchQuery, `search text must be at most ${limits.searchQuery} characters`)
  .refine((q) => parseSearchQuery(q).include.length > 0, {
    message: 'search text needs at least one word to look for',
  });

/** Position in a ranked result list: the rank and id of the last hit shown. */
export const SearchCursorPositionSchema = z.object({ rank: z.number().finite(), id: z.uuid() }).strict();
export type SearchCursorPosition = z.infer<typeof SearchCursorPositionSchema>;

export function encodeSearchCursor(position: SearchCursorPosition): string {
  return encodeTupleCursor([position.rank, position.id]);
}

export function decodeSearchCursor(cursor: string): SearchCursorPosition | null {
  const tuple = decodeTupleCursor(cursor, 2);
  if (!tuple) return null;
  const result = SearchCursorPositionSchema.safeParse({ rank: tuple[0], id: tuple[1] });
  return result.success ? result.data : null;
}

export const ArticleSearchInputSchema = z
  .object({
    q: SearchTextSchema,
    cursor: z
      .string()
      .max(limits.cursor, 'cursor is too long')
      .refine((c) => decodeSearchCursor(c) !== null, {
        message: 'cursor is not valid; use nextCursor from a previous page of the same search',
      })
      .optional(),
    limit: PageLimitSchema,
  })
  .strict();
export type ArticleSearchInput = z.input<typeof ArticleSearchInputSchema>;
export type ArticleSearchQuery = z.output<typeof ArticleSearchInputSchema>;

/** A run of snippet text; `match` runs are the words that matched, for highlighting. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export type ArticleSearchHit = ArticleSummary & {
  /** Where the words were found, as plain text runs (never HTML). */
  snippet: SnippetPart[];
};
