import { describe, expect, it } from 'vitest';
import { limits } from './limits.js';
import {
  ArticleListInputSchema,
  CursorSchema,
  decodeCursor,
  encodeCursor,
  PageLimitSchema,
} from './pagination.js';

const position = { at: '2025-03-01T09:00:00.000Z', id: '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11' };
const invalidCursor = 'cursor is not valid; use nextCursor from a previous page';

/** A cursor made the way encodeCursor makes them, from any JSON. */
function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe('encodeCursor and decodeCursor', () => {
  it('round-trip a position', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    const withOffset = { at: '2025-03-01T10:00:00+01:00', id: position.id };
    expect(decodeCursor(encodeCursor(withOffset))).toEqual(withOffset);
  });

  it('make cursors that are safe in a URL without escaping', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(cursor)).toBe(cursor);
    expect(cursor.length).toBeLessThanOrEqual(limits.cursor);
  });

  it('give different cursors for different positions', () => {
    const other = { ...position, at: '2025-03-01T09:00:01.000Z' };
    expect(encodeCursor(other)).not.toBe(encodeCursor(position));
  });

  it.each([
    ['an empty string', ''],
    ['plain words', 'not a cursor'],
    ['characters outside base64', '!!!$$$'],
    ['a truncated cursor', encodeCursor(position).slice(0, -6)],
    ['a cursor with its first character changed', `X${encodeCursor(position).slice(1)}`],
    ['JSON that is an object', cursorOf(position)],
    ['an array of the wrong length', cursorOf([position.at, position.id, 'extra'])],
    ['a time without an offset', cursorOf(['2025-03-01T09:00:00', position.id])],
    ['a time that is not a time', cursorOf(['yesterday', position.id])],
    ['an id that is not a UUID', cursorOf([position.at, '42'])],
    ['bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x5b]).toString('base64url')],
    ['JSON null', cursorOf(null)],
  ])('decode %s to null', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('CursorSchema', () => {
  it('accepts a cursor this system made', () => {
    const cursor = encodeCursor(position);
    expect(CursorSchema.parse(cursor)).toBe(cursor);
  });

  it('refuses garbage and tampered cursors, saying where a good one comes from', () => {
    for (const cursor of [
      'garbage',
      `X${encodeCursor(position).slice(1)}`,
      cursorOf(['yesterday', position.id]),
    ]) {
      expect(messagesOf(CursorSchema.safeParse(cursor))).toEqual([invalidCursor]);
    }
  });

  it('refuses an over-long cursor', () => {
    expect(messagesOf(CursorSchema.safeParse('A'.repeat(limits.cursor + 1)))).toContain('cursor is too long');
  });
});

describe('PageLimitSchema', () => {
  it('defaults to 20', () => {
    expect(PageLimitSchema.parse(undefined)).toBe(20);
  });
});

describe('ArticleListInputSchema', () => {
  it('defaults the page size to 20', () => {
    expect(ArticleListInputSchema.parse({})).toEqual({ limit: 20 });
  });

  it('accepts page sizes from 1 to 100', () => {
    expect(ArticleListInputSchema.parse({ limit: 1 }).limit).toBe(1);
    expect(ArticleListInputSchema.parse({ limit: 100 }).limit).toBe(100);
  });

  it('refuses a page size of 101 with a message saying the maximum, rather than clamping it', () => {
    const result = ArticleListInputSchema.safeParse({ limit: 101 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['limit']);
    expect(messagesOf(result)).toEqual(['limit must be at most 100']);
  });

  it.each([
    [0, 'limit must be at least 1'],
    [-5, 'limit must be at least 1'],
    [2.5, 'limit must be a whole number'],
  ])('refuses a page size of %s', (limit, message) => {
    expect(messagesOf(ArticleListInputSchema.safeParse({ limit }))).toEqual([message]);
  });

  it('refuses a page size sent as a string', () => {
    expect(ArticleListInputSchema.safeParse({ limit: '20' }).success).toBe(false);
  });

  it('takes filters and a cursor', () => {
    const cursor = encodeCursor(position);
    const input = {
      section: 'world',
      tag: 'ukraine',
      author: 'ana-lima',
      status: 'published',
      from: '2025-01-01T00:00:00Z',
      to: '2025-04-01T00:00:00Z',
      cursor,
      limit: 50,
    };
    expect(ArticleListInputSchema.parse(input)).toEqual(input);
  });

  it('refuses a bad cursor, an unknown status and unknown keys', () => {
    expect(messagesOf(ArticleListInputSchema.safeParse({ cursor: 'garbage' }))).toEqual([invalidCursor]);
    expect(ArticleListInputSchema.safeParse({ status: 'deleted' }).success).toBe(false);
    const unknown = ArticleListInputSchema.safeParse({ page: 2 });
    expect(unknown.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['page'] });
  });
});
