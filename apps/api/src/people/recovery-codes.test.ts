import { describe, expect, it } from 'vitest';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';

describe('recovery codes', () => {
  it('are ten distinct codes of two groups of five', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(codes).size).toBe(10);
  });

  it('hash the same however they are typed, and never hold the code', () => {
    const hash = recoveryCodeHash('abcde-fghij');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash(' ABCDE-FGHIJ ')).toBe(hash);
    expect(recoveryCodeHash('abcdefghij')).toBe(hash);
    expect(recoveryCodeHash('abcde-fghik')).not.toBe(hash);
  });
});
