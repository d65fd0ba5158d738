import { type DeskStatus, deskStatusFilters, parseSearchQuery } from '@newsroom/domain';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportArticleInput } from '../finished-article-input.js';
import type { Database } from '../kysely/database.js';
import { deskPageQuery, deskStatusPageQuery, lastChangesQuery } from '../kysely/desk-story-list.js';
import type { Store } from '../store.js';
import { givenNewsroomContent } from '../testing/newsroom-content.js';
import { fts5Search } from './fts5-search.js';
import { migrateToLatest } from './migrate.js';
import { openSqliteKysely, sqliteStoreOf } from './sqlite-store.js';

interface Filters {
  statuses: DeskStatus[];
  section?: string;
  author?: string;
  bylineOf?: string;
}

const after = { at: '2025-05-01T00:00:00.000Z', id: '7f000000-0000-4000-8000-000000000000' };
const words = fts5Search.matchCondition(parseSearchQuery('harbour'));

let db: Kysely<Database>;
let store: Store;
beforeAll(async () => {
  db = openSqliteKysely(':memory:');
  await migrateToLatest(db);
  store = sqliteStoreOf(db);
  await givenNewsroomContent(store, 400);
  // Many drafts, a few of them waiting for review, and some archived stories.
  function* others(): Generator<ImportArticleInput> {
    for (let i = 0; i < 300; i++) {
      yield {
        headline: `Desk story ${i}`,
        slug: `desk-story-${i}`,
        body: [{ type: 'paragraph', text: `Harbour notes ${i}.` }],
        sectionSlug: i % 2 === 0 ? 'world' : 'culture',
        authorSlugs: ['amara-okafor'],
        status: i % 10 === 0 ? 'archived' : 'draft',
        createdAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
        reviewRequestedAt: i % 30 === 1 ? new Date(Date.UTC(2025, 1, 1)).toISOString() : null,
      };
    }
  }
  await store.articles.importMany(others());
});
afterAll(() => store.close());

async function planOf(query: CompiledQuery): Promise<string[]> {
  const plan = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  );
  return plan.rows.map((row) => row.detail);
}

const deskIndex =
  /^SEARCH articles USING (COVERING )?INDEX articles_(by_status_update|by_section_update|in_review) /;

describe.each([
  ['before ANALYZE', async () => {}],
  ['after ANALYZE', async () => void (await sql`analyze`.execute(db))],
])('desk list query plans %s', (_, prepare) => {
  beforeAll(prepare);

  it.each<[string, Filters]>([
    ['every status', { statuses: [] }],
    ['drafts', { statuses: ['draft'] }],
    ['the review queue', { statuses: ['in-review'] }],
    ['scheduled and published', { statuses: ['scheduled', 'published'] }],
    ['a section’s drafts and stories in review', { statuses: ['draft', 'in-review'], section: 'world' }],
  ])('reads each status of %s in index order, first page and later pages', async (_, filters) => {
    for (const cursor of [null, after]) {
      for (const filter of deskStatusFilters(filters.statuses)) {
        const part = await planOf(deskStatusPageQuery(db, filter, filters, null, cursor, 21).compile());
        expect(part.filter((line) => deskIndex.test(line))).toHaveLength(1);
        expect(part.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
      }
      // The merged page sorts only what its parts return: at most limit + 1 rows each.
      const page = await planOf(deskPageQuery(db, filters, null, cursor, 21).compile());
      expect(page.filter((line) => deskIndex.test(line))).toHaveLength(
        deskStatusFilters(filters.statuses).length,
      );
      expect(page.filter((line) => /^SCAN articles\b/.test(line))).toEqual([]);
    }
  });

  it('reads the review queue off its own small index', async () => {
    const plan = await planOf(deskPageQuery(db, { statuses: ['in-review'] }, null, null, 21).compile());
    expect(plan.some((line) => line.includes('INDEX articles_in_review'))).toBe(true);
  });

  it('never scans the articles for a byline or for words', async () => {
    const cases: [Filters, typeof words][] = [
      [{ statuses: [], author: 'amara-okafor' }, null],
      [{ statuses: ['draft'], author: 'amara-okafor', bylineOf: 'lukas-brandt' }, null],
      [{ statuses: [] }, words],
      [{ statuses: ['published'], section: 'world' }, words],
    ];
    for (const [filters, condition] of cases) {
      for (const cursor of [null, after]) {
        const plan = await planOf(deskPageQuery(db, filters, condition, cursor, 21).compile());
        expect(plan.filter((line) => /^SCAN articles\b/.test(line))).toEqual([]);
        if (condition)
          expect(plan.some((line) => /^SCAN article_search VIRTUAL TABLE INDEX \d+:M/.test(line))).toBe(true);
      }
    }
  });

  it('finds each story’s newest revision through the revisions index', async () => {
    const plan = await planOf(
      lastChangesQuery(db, [after.id, '7f000000-0000-4000-8000-000000000001']).compile(),
    );
    expect(plan.some((line) => line.includes('INDEX article_revisions_by_article'))).toBe(true);
    expect(plan.filter((line) => /^SCAN article_revisions\b/.test(line))).toEqual([]);
  });
});
