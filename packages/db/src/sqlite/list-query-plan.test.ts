import type { ArticleListQuery } from '@newsroom/domain';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleListQuery, dueScheduledQuery, linkedListQuery } from '../kysely/article-queries.js';
import { revisionsQuery } from '../kysely/article-revisions.js';
import { commentsByStatusQuery } from '../kysely/comment-repository.js';
import type { Database } from '../kysely/database.js';
import type { Store } from '../store.js';
import { givenNewsroomContent } from '../testing/newsroom-content.js';
import { rankedSearchQuery } from './fts5-search.js';
import { migrateToLatest } from './migrate.js';
import { openSqliteKysely, sqliteStoreOf } from './sqlite-store.js';

type Filters = Pick<ArticleListQuery, 'section' | 'tag' | 'author' | 'status' | 'from' | 'to'>;
const after = { at: '2025-05-01T00:00:00.000Z', id: '7f000000-0000-4000-8000-000000000000' };

let db: Kysely<Database>;
let store: Store;
beforeAll(async () => {
  db = openSqliteKysely(':memory:');
  await migrateToLatest(db);
  store = sqliteStoreOf(db);
  await givenNewsroomContent(store, 400);
});
afterAll(() => store.close());

/** The `detail` lines of SQLite's plan for the list query as the Store builds it. */
async function planOf(filters: Filters, cursor: typeof after | null): Promise<string[]> {
  if (filters.tag || filters.author) return planOfQuery(linkedListQuery(filters, cursor, 21).compile(db));
  return planOfQuery(articleListQuery(db, filters, cursor, 21).compile());
}

async function planOfQuery(query: CompiledQuery): Promise<string[]> {
  const plan = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  );
  return plan.rows.map((row) => row.detail);
}

/** Index-ordered: read from an articles index, never a table scan, never sorted afterwards. */
function expectIndexOrdered(plan: string[]) {
  expect(plan.some((line) => /^SEARCH articles USING (COVERING )?INDEX articles_by_/.test(line))).toBe(true);
  expect(plan.filter((line) => /^SCAN articles\b/.test(line))).toEqual([]);
  expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
}

describe.each([
  ['before ANALYZE', async () => {}],
  ['after ANALYZE', async () => void (await sql`analyze`.execute(db))],
])('list query plans %s', (_, prepare) => {
  beforeAll(prepare);

  it.each<[string, Filters]>([
    ['the front page', {}],
    ['a section page', { section: 'world' }],
    ['a date range', { from: '2025-03-01T00:00:00.000Z', to: '2025-05-01T00:00:00.000Z' }],
    ['the editors’ draft list', { status: 'draft' }],
  ])('reads %s in index order, first page and later pages', async (_, filters) => {
    expectIndexOrdered(await planOf(filters, null));
    expectIndexOrdered(await planOf(filters, after));
  });

  it.each<[string, Filters]>([
    ['a tag page', { tag: 'climate' }],
    ['an author page', { author: 'amara-okafor' }],
  ])(
    'reads %s off its link table’s listing index in order, first page and later pages',
    async (_, filters) => {
      for (const cursor of [null, after]) {
        const plan = await planOf(filters, cursor);
        expect(plan.some((line) => /USING COVERING INDEX article_(tags|authors)_by_listing/.test(line))).toBe(
          true,
        );
        expect(plan.filter((line) => /^SCAN /.test(line))).toEqual([]);
        expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
      }
    },
  );
});

describe.each([
  ['before ANALYZE', async () => {}],
  ['after ANALYZE', async () => void (await sql`analyze`.execute(db))],
])('plans of the other reads %s', (_, prepare) => {
  beforeAll(prepare);

  it('searches through the full-text index and reads matching articles by key, never scanning them', async () => {
    const cursor = { rank: -1.5, id: after.id };
    for (const position of [null, cursor]) {
      const plan = await planOfQuery(rankedSearchQuery('"harbour" AND "city"', position, 21).compile(db));
      expect(plan.some((line) => /^SCAN article_search VIRTUAL TABLE INDEX \d+:M/.test(line))).toBe(true);
      expect(plan).toContain('SEARCH articles USING INTEGER PRIMARY KEY (rowid=?)');
      expect(plan.filter((line) => /^SCAN articles\b/.test(line))).toEqual([]);
    }
  });

  it('finds due scheduled articles through the schedule index', async () => {
    const plan = await planOfQuery(dueScheduledQuery(db, '2025-07-01T00:00:00.000Z', 100).compile());
    expect(plan.some((line) => line.includes('USING INDEX articles_by_schedule'))).toBe(true);
    expect(plan.filter((line) => /^SCAN articles\b/.test(line))).toEqual([]);
  });

  it('reads the moderation queue and an article’s revisions in index order', async () => {
    for (const position of [null, after]) {
      const queue = await planOfQuery(commentsByStatusQuery(db, 'pending', position, 21).compile());
      expect(queue.some((line) => line.includes('USING INDEX comments_by_status'))).toBe(true);
      expect(queue.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
    }
    const revisions = await planOfQuery(revisionsQuery(db, after.id, 9, 21).compile());
    expect(revisions.some((line) => line.includes('USING INDEX article_revisions_by_article'))).toBe(true);
    expect(revisions.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
  });
});
