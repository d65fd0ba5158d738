import type { SearchQuery, SnippetPart } from '@newsroom/domain';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../kysely/database.js';
import { type FullTextSearch, type RankedHit, searchCandidates } from '../kysely/full-text-search.js';
import { snippetPartsOf } from '../sqlite/fts5-search.js';

/*
 * Search with PostgreSQL's tsvector: everything PostgreSQL-specific about search lives here.
 * `articles.search` (migration 0001) is a generated tsvector over the `newsroom_search`
 * configuration (simple + unaccent: no stop words, no stemming, case and accents folded),
 * headline weighted A, standfirst B, body text C, with a GIN index.
 *
 * Every include term (a word or a quoted phrase) becomes `phraseto_tsquery(config, $n)` on a
 * bound parameter: phraseto_tsquery reads its text as plain words in order, never as tsquery
 * syntax, so nothing a reader typed can act as an operator. The terms are combined with the
 * tsquery operators `&&`, `||` and `!!` in SQL written here.
 */

/** ts_rank weights for {D, C, B, A}: body text C, standfirst B, headline A counts most. */
export const searchWeights = { headline: 1, standfirst: 0.4, bodyText: 0.1 } as const;
const matchStart = '\uE000';
const matchEnd = '\uE001';
/**
 * ts_headline replaces anything its parser takes for an HTML tag with a space; the text is
 * plain text, so `<` goes in as this private-use character and comes back out as `<`.
 */
const lessThan = '\uE002';
const config = sql.raw(`'newsroom_search'::regconfig`);

/** Words as bound text: NUL (which PostgreSQL text cannot hold) and markers become spaces. */
function usableTerms(terms: readonly (readonly string[])[]): string[] {
  return terms
    .map((words) =>
      words
        .filter((word) => /[\p{L}\p{N}]/u.test(word))
        .map((word) => word.replaceAll('\u0000', ' ').replace(/[\uE000-\uF8FF]/gu, ' '))
        .join(' ')
        .trim(),
    )
    .filter((phrase) => phrase !== '');
}

function termQuery(phrase: string): RawBuilder<unknown> {
  return sql`phraseto_tsquery(${config}, newsroom_search_fold(${phrase}))`;
}

/**
 * The tsquery expression for a parsed search, every term a bound parameter; null when there is
 * nothing to look for. Exported for its unit test.
 */
export function tsqueryExpression(query: SearchQuery): RawBuilder<unknown> | null {
  const include = usableTerms(query.include);
  if (include.length === 0) return null;
  const all = sql.join(include.map(termQuery), sql` && `);
  const exclude = usableTerms(query.exclude);
  if (exclude.length === 0) return sql`(${all})`;
  return sql`((${all}) && !!(${sql.join(exclude.map(termQuery), sql` || `)}))`;
}

const weights = sql.raw(
  `'{${[searchWeights.bodyText, searchWeights.bodyText, searchWeights.standfirst, searchWeights.headline].join(',')}}'::float4[]`,
);

export const tsvectorSearch: FullTextSearch = {
  async rank(db: Kysely<Database>, query, after, limit): Promise<RankedHit[]> {
    const tsquery = tsqueryExpression(query);
    if (tsquery === null) return [];
    // Scores grow with relevance: negated, so the order is ascending like bm25's.
    const afterCursor = after
      ? sql`where (hits.score, hits.id) > (${after.rank}::float8, ${after.id})`
      : sql``;
    // The newest searchCandidates matches are found first and only they are scored.
    const { rows } = await sql<{ id: string; score: number }>`
      with q as (select ${tsquery} as query)
      select hits.id, hits.score from (
        select candidates.id as id, -(ts_rank(${weights}, candidates.search, q.query)::float8) as score
        from (
          select articles.id, articles.search
          from articles, q
          where articles.search @@ q.query and articles.status = 'published'
          order by articles.seq desc
          limit ${searchCandidates}
        ) as candidates, q
      ) as hits
      ${afterCursor}
      order by hits.score, hits.id
      limit ${limit}`.execute(db);
    return rows.map((row) => ({ id: row.id, rank: Number(row.score) }));
  },

  matchCondition(query): RawBuilder<SqlBool> | null {
    const tsquery = tsqueryExpression(query);
    // The generated search column covers every article, whatever its status.
    return tsquery === null ? null : sql<SqlBool>`articles.search @@ ${tsquery}`;
  },

  async snippets(db: Kysely<Database>, query, ids) {
    const snippets = new Map<string, SnippetPart[]>();
    const tsquery = tsqueryExpression(query);
    if (tsquery === null || ids.length === 0) return snippets;
    const options = `StartSel=${matchStart}, StopSel=${matchEnd}, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`;
    const { rows } = await sql<{ id: string; snippet: string | null }>`
      with q as (select ${tsquery} as query)
      select articles.id as id,
        ts_headline(${config},
          replace(concat_ws(' ', articles.headline, articles.standfirst, articles.body_text), '<', ${lessThan}),
          q.query, ${options}) as snippet
      from articles, q
      where articles.id in (${sql.join(ids)})`.execute(db);
    for (const row of rows)
      snippets.set(row.id, snippetPartsOf((row.snippet ?? '').replaceAll(lessThan, '<')));
    return snippets;
  },
};
