import { describe, expect, it } from 'vitest';
import { canonicalRow } from './table-checksum.js';

const columns = ['id', 'position', 'note'];

describe('canonicalRow', () => {
  it('writes the columns in the given order, whatever order the driver gave them in', () => {
    expect(canonicalRow('t', columns, { note: null, position: 2, id: 'a' })).toBe('["a",2,null]');
  });

  it('gives an integer the same form as a number or a bigint', () => {
    expect(canonicalRow('t', columns, { id: 'a', position: 2n, note: null })).toBe(
      canonicalRow('t', columns, { id: 'a', position: 2, note: null }),
    );
  });

  it('tells apart what a careless serialization would confuse', () => {
    const row = (note: unknown) => canonicalRow('t', columns, { id: 'a', position: 1, note });
    expect(row(null)).not.toBe(row('null'));
    expect(row('')).not.toBe(row(null));
    expect(row('2')).not.toBe(canonicalRow('t', columns, { id: 'a', position: 1, note: 2 }));
    expect(canonicalRow('t', ['a', 'b'], { a: 'x","y', b: 'z' })).not.toBe(
      canonicalRow('t', ['a', 'b'], { a: 'x', b: 'y","z' }),
    );
  });

  it('gives bytes the same form from either driver (Buffer or Uint8Array), and tells different bytes apart', () => {
    const row = (note: unknown) => canonicalRow('t', columns, { id: 'a', position: 1, note });
    const bytes = Uint8Array.from([0xff, 0xd8, 0xff, 0x00]);
    expect(row(Buffer.from(bytes))).toBe(row(bytes));
    expect(row(bytes)).not.toBe(row(Uint8Array.from([0xff, 0xd8, 0xff, 0x01])));
    expect(row(bytes)).not.toBe(row('\xffd8ff00'));
  });

  it('refuses a missing column or a value that is not text, an integer, bytes or null', () => {
    expect(() => canonicalRow('t', columns, { id: 'a', position: 1 })).toThrow('t.note has no value');
    expect(() => canonicalRow('t', columns, { id: 'a', position: 1.5, note: null })).toThrow(
      't.position has a value of type number, not text, an integer, bytes or null',
    );
    expect(() => canonicalRow('t', columns, { id: 'a', position: 1, note: new Date(0) })).toThrow(
      't.note has a value of type object',
    );
  });
});
