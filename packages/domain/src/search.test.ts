import { describe, expect, it } from 'vitest';
import { limits } from './limits.js';
import { encodeCursor } from './pagination.js';
import {
  ArticleSearchInputSchema,
  decodeSearchCursor,
  encodeSearchCursor,
  parseSearchQuery,
} from './search.js';

const id = '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11';

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

/** A cursor made the way encodeTupleCursor makes them, from any JSON. */
function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('parseSearchQuery', () => {
  it('takes each word as a term that must appear, lowercased', () => {
    expect(parseSearchQuery('Harbour  LIGHTHOUSE\tkeeper')).toEqual({
      include: [['harbour'], ['lighthouse'], ['keeper']],
      exclude: [],
    });
  });

  it('keeps words of any script, with their accents and digits', () => {
    expect(parseSearchQuery('Sebastião Москва Αθήνα 2025 日本語')).toEqual({
      include: [['sebastião'], ['москва'], ['αθήνα'], ['2025'], ['日本語']],
      exclude: [],
    });
  });

  it('takes a quoted phrase as its words in order, with straight or curly quotes', () => {
    const phrase = { include: [['black', 'and', 'white'], ['photo']], exclude: [] };
    expect(parseSearchQuery('"black and white" photo')).toEqual(phrase);
    expect(parseSearchQuery('“Black and White” photo')).toEqual(phrase);
    expect(parseSearchQuery('„black and white“ photo')).toEqual(phrase);
    expect(parseSearchQuery('"black, and white!" photo')).toEqual(phrase);
  });

  it('runs an unclosed quote to the end', () => {
    expect(parseSearchQuery('photo "black and white')).toEqual({
      include: [['photo'], ['black', 'and', 'white']],
      exclude: [],
    });
  });

  it('excludes -words and -"phrases"', () => {
    expect(parseSearchQuery('photo -colour -"black and white" -“sepia tone”')).toEqual({
      include: [['photo']],
      exclude: [['colour'], ['black', 'and', 'white'], ['sepia', 'tone']],
    });
  });

  it('has nothing to include when everything is excluded', () => {
    expect(parseSearchQuery('-colour -"black and white"')).toEqual({
      include: [],
      exclude: [['colour'], ['black', 'and', 'white']],
    });
  });

  it('drops tokens with no letter or digit', () => {
    expect(parseSearchQuery('harbour ... !! — ? * - "" “” () -!')).toEqual({
      include: [['harbour']],
      exclude: [],
    });
    expect(parseSearchQuery('   ')).toEqual({ include: [], exclude: [] });
  });

  it('keeps a hyphenated or dotted token together as one phrase', () => {
    expect(parseSearchQuery('state-of-the-art U.S. policy e-mail')).toEqual({
      include: [['state', 'of', 'the', 'art'], ['u', 's'], ['policy'], ['e', 'mail']],
      exclude: [],
    });
  });

  it('leaves what looks like search-engine syntax as plain words', () => {
    expect(parseSearchQuery('NEAR(a b) title:harbour harb* ^start AND OR NOT')).toEqual({
      include: [['near', 'a'], ['b'], ['title', 'harbour'], ['harb'], ['start'], ['and'], ['or'], ['not']],
      exclude: [],
    });
  });
});

describe('ArticleSearchInputSchema', () => {
  it('accepts a search, trimmed, with the default page size', () => {
    expect(ArticleSearchInputSchema.parse({ q: '  harbour lights ' })).toEqual({
      q: 'harbour lights',
      limit: limits.pageDefault,
    });
    const cursor = encodeSearchCursor({ rank: -2.5, id });
    expect(ArticleSearchInputSchema.parse({ q: 'harbour', cursor, limit: 5 })).toEqual({
      q: 'harbour',
      cursor,
      limit: 5,
    });
  });

  it('refuses empty and whitespace-only text, saying so', () => {
    for (const q of ['', '   ', '\n\t']) {
      const messages = messagesOf(ArticleSearchInputSchema.safeParse({ q }));
      // zod 4 runs the refinement after a failed min(1) too, so the second message comes along.
      expect(messages[0]).toBe('search text must not be empty');
      expect(messages.slice(1)).toEqual(
        messages.length > 1 ? ['search text needs at least one word to look for'] : [],
      );
    }
  });

  it('refuses text over the limit, saying so', () => {
    expect(ArticleSearchInputSchema.safeParse({ q: 'x'.repeat(limits.searchQuery) }).success).toBe(true);
    expect(messagesOf(ArticleSearchInputSchema.safeParse({ q: 'x'.repeat(limits.searchQuery + 1) }))).toEqual(
      [`search text must be at most ${limits.searchQuery} characters`],
    );
  });

  it('refuses text with nothing to look for', () => {
    for (const q of ['-colour', '-"black and white"', '!!', '"']) {
      expect(messagesOf(ArticleSearchInputSchema.safeParse({ q }))).toEqual([
        'search text needs at least one word to look for',
      ]);
    }
  });

  it('refuses a cursor it did not make, a bad limit and unknown fields', () => {
    expect(messagesOf(ArticleSearchInputSchema.safeParse({ q: 'harbour', cursor: 'garbage' }))).toEqual([
      'cursor is not valid; use nextCursor from a previous page of the same search',
    ]);
    // A list cursor is not a search cursor.
    const listCursor = encodeCursor({ at: '2025-03-01T09:00:00.000Z', id });
    expect(ArticleSearchInputSchema.safeParse({ q: 'harbour', cursor: listCursor }).success).toBe(false);
    expect(ArticleSearchInputSchema.safeParse({ q: 'harbour', limit: limits.pageMax + 1 }).success).toBe(
      false,
    );
    expect(ArticleSearchInputSchema.safeParse({ q: 'harbour', sort: 'date' }).success).toBe(false);
  });
});

describe('search cursors', () => {
  it('round-trip a rank and an id, URL-safe', () => {
    for (const rank of [-12.345678901234567, 0, 3, -1e-9]) {
      const cursor = encodeSearchCursor({ rank, id });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeSearchCursor(cursor)).toEqual({ rank, id });
    }
  });

  it('decode anything else to null', () => {
    for (const cursor of [
      '',
      'not base64 at all!',
      'bm90LWEtY3Vyc29y',
      cursorOf([1]),
      cursorOf([1, id, 'extra']),
      cursorOf(['1', id]),
      cursorOf([null, id]),
      cursorOf([1, 'not-a-uuid']),
      cursorOf({ rank: 1, id }),
    ]) {
      expect(decodeSearchCursor(cursor)).toBeNull();
    }
    // Infinity has no JSON form: it would come back as null, so it is refused on the way in.
    expect(decodeSearchCursor(encodeSearchCursor({ rank: Number.POSITIVE_INFINITY, id }))).toBeNull();
  });
});
