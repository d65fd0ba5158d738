import type { SearchCursorPosition, SearchQuery, SnippetPart } from '@newsroom/domain';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

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
   * Published articles matching every include term and no exclude term, best first, strictly
   * after `after` in (rank, id) order, at most `limit`. An engine whose scores grow with
   * relevance returns them negated, so that the order is always ascending.
   */
  rank(
    db: Kysely<Database>,
    query: SearchQuery,
    after: SearchCursorPosition | null,
    limit: number,
  ): Promise<RankedHit[]>;
  /** Snippets of where the terms were found, by article id, for a page of hits. */
  snippets(
    db: Kysely<Database>,
    query: SearchQuery,
    ids: readonly string[],
  ): Promise<Map<string, SnippetPart[]>>;
}
