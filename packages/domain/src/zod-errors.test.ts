import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesLine } from './zod-errors.js';

const Schema = z
  .object({ slug: z.string(), limit: z.number().max(100, 'limit must be at most 100') })
  .strict();

function errorOf(input: unknown) {
  const result = Schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

describe('issuesLine', () => {
  it('names each wrong field and why, on one line', () => {
    expect(issuesLine(errorOf({ limit: 101 }))).toBe(
      'slug: required (string); limit: limit must be at most 100',
    );
  });

  it('says what type was expected when the type is wrong', () => {
    expect(issuesLine(errorOf({ slug: 4, limit: 1 }))).toBe('slug: expected string, received number');
  });

  it('names unknown keys and a wrong input as a whole', () => {
    expect(issuesLine(errorOf({ slug: 'a', limit: 1, extra: true }))).toContain('extra');
    expect(issuesLine(errorOf('text'))).toMatch(/^input: /);
  });

  it('stops after a few issues and says how many more there were', () => {
    const Many = z.object(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, z.string()])));
    const result = Many.safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) expect(issuesLine(result.error)).toMatch(/; and 3 more$/);
  });
});
