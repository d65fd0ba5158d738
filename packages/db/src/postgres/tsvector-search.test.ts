import { parseSearchQuery } from '@newsroom/domain';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../kysely/database.js';
import { createPGlite } from './create-pglite.js';
import { postgresMigrations } from './migrations/index.js';
import { PGlitePool } from './pglite-pool.js';
import { tsqueryExpression } from './tsvector-search.js';

describe('tsqueryExpression', () => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new PGlitePool(createPGlite(), { owned: true }) }),
    });
    const initial = postgresMigrations['0001-initial-schema'];
    await initial?.up(db as Kysely<unknown>);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('binds every word as a parameter: the SQL text holds none of what the reader typed', () => {
    const hostile = `harbour' OR 1=1 -- & | ! <-> :* (x) "a b" -nope`;
    const expression = tsqueryExpression(parseSearchQuery(hostile));
    expect(expression).not.toBeNull();
    const compiled = sql`select ${expression}`.compile(db);
    expect(compiled.sql).not.toMatch(/harbour|nope|1=1|<->|:\*/);
    expect(compiled.parameters.length).toBeGreaterThan(0);
  });

  it('is null when there is nothing to look for', () => {
    for (const q of ['', '   ', '-harbour', '"', '\u0301', '*']) {
      expect(tsqueryExpression(parseSearchQuery(q)), q).toBeNull();
    }
  });

  it('turns operators and syntax into plain lexemes, never tsquery syntax', async () => {
    const cases: [string, string][] = [
      ['harbour', "'harbour'"],
      ['Sebastião', "'sebastiao'"],
      ['"black and white"', "'black' <-> 'and' <-> 'white'"],
      ['photography -doors', "'photography' & !'doors'"],
      ['a:* & b | !c', "'a' & 'b' & 'c'"],
      ["x' <-> y", "'x' & 'y'"],
      ['ΚΑΎΣΩΝΑΣ', "'καυσωνασ'"],
      ['harbour\u0000quiet', "'harbour' <-> 'quiet'"],
    ];
    for (const [q, expected] of cases) {
      const expression = tsqueryExpression(parseSearchQuery(q));
      expect(expression, q).not.toBeNull();
      const { rows } = await sql<{ query: string }>`select (${expression})::text as query`.execute(db);
      expect(rows[0]?.query, q).toBe(expected);
    }
  });
});
