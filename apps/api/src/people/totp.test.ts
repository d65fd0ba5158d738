import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpStepOf, totpUri } from './totp.js';

const at = new Date('2026-12-05T12:00:10Z');
const codeAt = (secret: string, date: Date) =>
  generateSync({ secret, epoch: Math.floor(date.getTime() / 1000) });
const step = Math.floor(at.getTime() / 30_000);

describe('authenticator codes', () => {
  it('have a 20-byte base32 key and an otpauth address an app can scan', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'ada@example.com');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Newsroom:ada(%40|@)example\.com\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Newsroom');
  });

  it('accept the current code and name its step, with spaces typed in it', () => {
    const secret = newTotpSecret();
    const code = codeAt(secret, at);
    expect(totpStepOf(secret, code, at)).toBe(step);
    expect(totpStepOf(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(step);
  });

  it('accept one step either side, and nothing further', () => {
    const secret = newTotpSecret();
    expect(totpStepOf(secret, codeAt(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(totpStepOf(secret, codeAt(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(totpStepOf(secret, codeAt(secret, new Date(at.getTime() - 90_000)), at)).toBeNull();
    expect(totpStepOf(secret, codeAt(secret, new Date(at.getTime() + 90_000)), at)).toBeNull();
  });

  it("refuse another key's code and anything that is not six digits", () => {
    const secret = newTotpSecret();
    expect(totpStepOf(newTotpSecret(), codeAt(secret, at), at)).toBeNull();
    expect(totpStepOf(secret, '12345', at)).toBeNull();
    expect(totpStepOf(secret, 'abcdef', at)).toBeNull();
    expect(totpStepOf('not base32 !!', '123456', at)).toBeNull();
  });
});
