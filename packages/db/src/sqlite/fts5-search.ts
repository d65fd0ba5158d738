import type { SearchCursorPosition, SearchQuery, SnippetPart } from '@newsroom/domain';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../kysely/database.js';
import { type FullTextSearch, type RankedHit, searchCandidates } from '../kysely/full-text-search.js';

/*
 * Search with SQLite's FTS5: everything FTS5-specific lives here (the MATCH syntax, bm25(),
 * snippet()). The index is `article_search` (migration 0001): headline, standfirst and the
 * body's readable text, tokenized by unicode61 with remove_diacritics 2, so matching ignores
 * case and folds Latin diacritics ("sebastiao" finds "Sebastião"). unicode61 folds case in
 * every script, but its diacritic folding covers Latin letters only: Greek or Cyrillic words
 * match with their accents as written.
 */

/** bm25 column weights, in the index's column order: a word in the headline counts most. */
export const searchWeights = { headline: 10, standfirst: 4, bodyText: 1 } as const;
/** Private-use characters snippet() wraps matches in; turned into SnippetPart runs, never markup. */
const matchStart = '\uE000';
const matchEnd = '\uE001';
/** Words of context a snippet shows (FTS5 allows at most 64). */
const snippetTokens = 24;

/**
 * The FTS5 query for a parsed search: every word becomes an FTS5 string ("word", with any `"`
 * doubled), a phrase one string of its words ("w1 w2"), include terms are ANDed and the
 * exclusions subtracted with NOT. Nothing the reader typed is ever FTS5 syntax: NEAR, AND, OR,
 * NOT, `*`, `^`, `:` and parentheses either were not kept as words by parseSearchQuery or sit
 * inside a string, where they are plain text. Null when there is nothing to look for.
 */
export function fts5MatchExpression(query: SearchQuery): string | null {
  const include = usableTerms(query.include);
  if (include.length === 0) return null;
  const all = include.map(fts5String).join(' AND ');
  const exclude = usableTerms(query.exclude);
  if (exclude.length === 0) return all;
  return `(${all}) NOT (${exclude.map(fts5String).join(' OR ')})`;
}

/** Words with at least one letter or digit: a lone combining mark is no word to FTS5. */
function usableTerms(terms: readonly (readonly string[])[]): string[][] {
  return terms
    .map((words) => words.filter((word) => /[\p{L}\p{N}]/u.test(word)))
    .filter((words) => words.length > 0);
}

function fts5String(words: readonly string[]): string {
  return `"${words.join(' ').replaceAll('"', '""')}"`;
}

/** Splits snippet() output at the match markers into plain-text runs, merging neighbours. */
export function snippetPartsOf(text: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let run = '';
  const flush = () => {
    if (run === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += run;
    else parts.push({ text: run, match });
    run = '';
  };
  for (const char of text) {
    if (char === matchStart || char === matchEnd) {
      flush();
      match = char === matchStart;
    } else {
      run += char;
    }
  }
  flush();
  return parts;
}

/**
 * The ranking query: the newest searchCandidates matches (FTS5 walks its index by rowid, which
 * is storage order, and scores only the rows it returns), their published articles by bm25
 * (lower is better), ties by id, after the cursor's (rank, id). Exported for the EXPLAIN QUERY
 * PLAN test.
 */
export function rankedSearchQuery(match: string, after: SearchCursorPosition | null, limit: number) {
  const weights = sql.raw(
    [searchWeights.headline, searchWeights.standfirst, searchWeights.bodyText]
      .map((w) => w.toFixed(1))
      .join(', '),
  );
  const afterCursor = after ? sql`and (hits.score, articles.id) > (${after.rank}, ${after.id})` : sql``;
  // `score`, not `rank`: rank is a hidden column of every FTS5 table.
  return sql<{ id: string; score: number }>`
    select articles.id as id, hits.score as score
    from (
      select rowid, bm25(article_search, ${weights}) as score
      from article_search
      where article_search match ${match}
      order by rowid desc
      limit ${searchCandidates}
    ) as hits
    -- CROSS JOIN keeps this order: SQLite may otherwise walk every published article (by the
    -- status index) and look each up among the hits, which grows with the newsroom.
    cross join articles on articles.seq = hits.rowid
    where articles.status = 'published' ${afterCursor}
    order by hits.score, articles.id
    limit ${limit}`;
}

export const fts5Search: FullTextSearch = {
  async rank(db: Kysely<Database>, query, after, limit): Promise<RankedHit[]> {
    const match = fts5MatchExpression(query);
    if (match === null) return [];
    const { rows } = await rankedSearchQuery(match, after, limit).execute(db);
    return rows.map((row) => ({ id: row.id, rank: Number(row.score) }));
  },

  matchCondition(query): RawBuilder<SqlBool> | null {
    const match = fts5MatchExpression(query);
    if (match === null) return null;
    // Every article is in the index whatever its status (migration 0001's triggers), so
    // drafts are found as readily as published stories.
    return sql<SqlBool>`articles.seq in (select rowid from article_search where article_search match ${match})`;
  },

  async snippets(db: Kysely<Database>, query, ids) {
    const snippets = new Map<string, SnippetPart[]>();
    const match = fts5MatchExpression(query);
    if (match === null || ids.length === 0) return snippets;
    // Only for the page's hits, found by rowid: snippet() is costly, and without the rowid
    // constraint FTS5 would walk every match of a common word to find the page's twenty.
    const { rows } = await sql<{ id: string; snippet: string | null }>`
      select articles.id as id,
        snippet(article_search, -1, ${matchStart}, ${matchEnd}, '…', ${snippetTokens}) as snippet
      from article_search
      join articles on articles.seq = article_search.rowid
      where article_search match ${match}
        and article_search.rowid in (select seq from articles where id in (${sql.join(ids)}))`.execute(db);
    for (const row of rows) snippets.set(row.id, snippetPartsOf(row.snippet ?? ''));
    return snippets;
  },
};
