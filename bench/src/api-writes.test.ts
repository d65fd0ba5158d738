import { describe, expect, it } from 'vitest';
import { headlineAfter, headlineLimit } from './api-writes.ts';

describe('headlineAfter', () => {
  it('adds the serial, replacing an earlier one', () => {
    expect(headlineAfter('Port handles record volume', 1)).toBe('Port handles record volume (update 1)');
    expect(headlineAfter('Port handles record volume (update 1)', 2)).toBe(
      'Port handles record volume (update 2)',
    );
  });

  it('stays within the headline limit', () => {
    const long = 'word '.repeat(60).trim();
    const next = headlineAfter(long, 123);
    expect(next.length).toBeLessThanOrEqual(headlineLimit);
    expect(next.endsWith(' (update 123)')).toBe(true);
  });
});
