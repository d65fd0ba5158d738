import type { SearchCursorPosition, SearchQuery, SnippetPart } from '@newsroom/domain';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Database } from './database.js';

/**
 * How many of a query's matches are ranked: the newest (most recently stored) this many. Ranking
 * scores every candidate, so a word found in nearly every article would otherwise cost a score
 * for each of them. At 100,000 articles FTS5 ranks a word in 90 % of them in 170 ms uncapped,
 * 5.1 ms capped at 2,000 and 2.8 ms at 500 (1.2 ms and 4.1 ms for a word in 3 %). A news search
 * leans to recent stories anyway (25 pages of 20); a query with fewer matches ranks them all.
 */
export const searchCandidates = 500;

/** One ranked hit: the article and its rank (lower ranks first; ties go by id, ascending). */
export interface RankedHit {
  id: string;
  rank: number;
}

/**
 * The part of search each backend does in its own engine (FTS5 for SQLite; tsvector for
 * PostgreSQL). It receives the parsed query, never the reader's text, and must turn
 * every word into a plain term: nothing a reader types may act as engine syntax. The rest of
 * search (parsing, cursors, summaries) is shared, in the article repository.
 */
export interface FullTextSearch {
  /**
   * Published articles matching every include term and no exclude term (among the newest
   * searchCandidates matches), best first, strictly
   * after `after` in (rank, id) order, at most `limit`. An engine whose scores grow with
   * relevance returns them negated, so that the order is always ascending.
   */
  rank(
    db: Kysely<Database>,
    query: SearchQuery,
    after: SearchCursorPosition | null,
    limit: number,
  ): Promise<RankedHit[]>;
  /**
   * A condition on the `articles` row that holds for articles matching every include term and
   * no exclude term, in any status and with no candidate cap: for lists that filter by words
   * but keep their own order (the desk's story list). Null when there is nothing to look for.
   */
  matchCondition(query: SearchQuery): RawBuilder<SqlBool> | null;
  /** Snippets of where the terms were found, by article id, for a page of hits. */
  snippets(
    db: Kysely<Database>,
    query: SearchQuery,
    ids: readonly string[],
  ): Promise<Map<string, SnippetPart[]>>;
}
