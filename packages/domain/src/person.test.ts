import { describe, expect, it } from 'vitest';
import { EmailSchema, PasswordSchema } from './person.js';

describe('a password as typed', () => {
  it('takes 10 to 256 characters of any kind, counted as characters, not bytes', () => {
    expect(PasswordSchema.parse('ten chars!')).toBe('ten chars!');
    expect(PasswordSchema.parse('🦉'.repeat(10))).toBe('🦉'.repeat(10));
    expect(PasswordSchema.parse('x'.repeat(256))).toHaveLength(256);
    expect(PasswordSchema.safeParse('nine char').error?.issues[0]?.message).toBe(
      'a password has at least 10 characters',
    );
    expect(PasswordSchema.safeParse('x'.repeat(257)).error?.issues[0]?.message).toBe(
      'a password has at most 256 characters',
    );
  });

  it('is normalised to NFC and otherwise kept exactly: no trimming, no case change', () => {
    const decomposed = 'Cafe\u0301 au lait, s\u0301il vous plait';
    expect(PasswordSchema.parse(decomposed)).toBe(decomposed.normalize('NFC'));
    expect(PasswordSchema.parse('  Spaces Count Too  ')).toBe('  Spaces Count Too  ');
  });
});

describe('an email address', () => {
  it('is trimmed and lower-cased, so one address is one account', () => {
    expect(EmailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('refuses what is not an address, and more than 254 characters, saying which', () => {
    expect(EmailSchema.safeParse('ada-at-example').error?.issues[0]?.message).toBe(
      'this is not an email address',
    );
    expect(EmailSchema.safeParse(`${'a'.repeat(250)}@example.com`).error?.issues[0]?.message).toBe(
      'an email address has at most 254 characters',
    );
  });
});
