import { parseSearchQuery } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { fts5MatchExpression, fts5Search, snippetPartsOf } from './fts5-search.js';
import { migrateToLatest } from './migrate.js';
import { openSqliteKysely, sqliteStoreOf } from './sqlite-store.js';

const matchOf = (q: string) => fts5MatchExpression(parseSearchQuery(q));

describe('the FTS5 query made from what a reader typed', () => {
  it.each([
    ['harbour', '"harbour"'],
    ['Harbour Lighthouse', '"harbour" AND "lighthouse"'],
    ['"black and white" photo', '"black and white" AND "photo"'],
    ['state-of-the-art', '"state of the art"'],
    ['photo -colour -"black and white"', '("photo") NOT ("colour" OR "black and white")'],
    ['NEAR(a b)', '"near a" AND "b"'],
    ['AND OR NOT', '"and" AND "or" AND "not"'],
    ['col:word', '"col word"'],
    ['harb*', '"harb"'],
    ['^start', '"start"'],
    ['{a b}: c', '"a" AND "b" AND "c"'],
  ])('%s → %s', (q, expected) => {
    expect(matchOf(q)).toBe(expected);
  });

  it('is null when nothing is left to look for', () => {
    for (const q of ['', '*', '"', '-only', '-"only this"', '\u0301', '()']) expect(matchOf(q)).toBeNull();
  });

  it('leaves out words FTS5 would see as empty, and doubles any quote', () => {
    expect(fts5MatchExpression({ include: [['\u0301'], ['ok']], exclude: [['\u0300']] })).toBe('"ok"');
    expect(fts5MatchExpression({ include: [['a"b']], exclude: [] })).toBe('"a""b"');
  });
});

describe('snippet runs', () => {
  it('turns the markers into match runs and keeps the rest as plain text', () => {
    expect(snippetPartsOf('…the \uE000harbour\uE001 at <b>dawn</b>…')).toEqual([
      { text: '…the ', match: false },
      { text: 'harbour', match: true },
      { text: ' at <b>dawn</b>…', match: false },
    ]);
  });

  it('merges neighbours of the same kind and drops empty runs', () => {
    expect(snippetPartsOf('\uE000black\uE001\uE000\uE001\uE000white\uE001 end')).toEqual([
      { text: 'blackwhite', match: true },
      { text: ' end', match: false },
    ]);
    expect(snippetPartsOf('')).toEqual([]);
  });
});

describe('FTS5 against any input', () => {
  let store: Store;
  const db = openSqliteKysely(':memory:');
  beforeAll(async () => {
    await migrateToLatest(db);
    store = sqliteStoreOf(db);
    const draft = await store.articles.create({
      slug: 'harbour',
      headline: 'Harbour (and lighthouse) NEAR the "old" town: AND/OR/NOT',
      body: [{ type: 'paragraph', text: 'Ферри и маяк. Φάρος. Ça marche * ^ {} col:word' }],
    });
    await store.articles.setStatus(draft.id, 1, 'published');
  });
  afterAll(() => store.close());

  it('never fails on random strings of syntax, words and odd characters', async () => {
    const draw = seededDraw(20_250_715);
    const pieces = [
      '"',
      '“',
      '”',
      '„',
      '(',
      ')',
      '*',
      '^',
      ':',
      '-',
      '+',
      '{',
      '}',
      '[',
      ']',
      ',',
      '.',
      "'",
      '\\',
      '/',
      ' ',
      ' ',
      ' ',
      'NEAR',
      'NEAR/3',
      'AND',
      'OR',
      'NOT',
      'harbour',
      'lighthouse',
      'col',
      'headline',
      'rank',
      'bm25',
      'Φάρος',
      'маяк',
      'ça',
      '\u0301',
      '\u0000',
      '\uE000',
      '\uE001',
      '🙂',
      '日本',
      '0',
      '42',
    ];
    const failures: string[] = [];
    for (let i = 0; i < 400; i++) {
      let q = '';
      const length = 1 + draw(12);
      for (let j = 0; j < length; j++) q += pieces[draw(pieces.length)];
      try {
        const parsed = parseSearchQuery(q);
        await fts5Search.rank(db, parsed, null, 5);
        await fts5Search.snippets(db, parsed, ['00000000-0000-4000-8000-000000000000']);
        await store.articles.search({ q: q.slice(0, 200), limit: 5 });
      } catch (error) {
        failures.push(`${JSON.stringify(q)}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** Whole numbers below `below`, the same on every run and machine: a seeded mulberry32. */
function seededDraw(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}
