import { describe, expect, it } from 'vitest';
import { currentParams, hashPassword, needsRehash, standInHash, verifyPassword } from './passwords.js';

// Cheaper parameters where a test only needs "other parameters", so the suite stays quick.
const older = { N: 2 ** 12, r: 8, p: 1, keylen: 32 };

describe('password hashes', () => {
  it('verify the password they were made from, and no other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('carry their parameters and a fresh salt, never the password', async () => {
    const one = await hashPassword('same password here');
    const two = await hashPassword('same password here');
    expect(one).toMatch(/^scrypt\$N=32768,r=8,p=3,l=32\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain('same password');
  });

  it('treat the same characters typed two ways (NFC) as one password', async () => {
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('still verify a hash made with older parameters, and say it should be made again', async () => {
    const old = await hashPassword('an older password hash', older);
    expect(old).toContain('N=4096,r=8,p=1');
    expect(await verifyPassword('an older password hash', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('a current password hash'))).toBe(false);
    expect(needsRehash(old, older)).toBe(false);
  });

  it('never match a malformed or tampered hash, and refuse parameters that would exhaust memory', async () => {
    const hash = await hashPassword('tamper with me please', older);
    const [scheme, params, salt, key] = hash.split('$');
    const otherKey = Buffer.from(key ?? '', 'base64url').map((byte) => byte ^ 1);
    expect(
      await verifyPassword(
        'tamper with me please',
        `${scheme}$${params}$${salt}$${Buffer.from(otherKey).toString('base64url')}`,
      ),
    ).toBe(false);
    expect(await verifyPassword('tamper with me please', hash.replace('N=4096', 'N=4095'))).toBe(false);
    expect(await verifyPassword('tamper with me please', hash.replace('N=4096', 'N=16777216'))).toBe(false);
    expect(await verifyPassword('tamper with me please', 'plain text')).toBe(false);
    expect(needsRehash('plain text')).toBe(true);
  });

  it('have a stand-in for unknown emails that takes as long and matches nothing typed', async () => {
    const standIn = await standInHash();
    expect(needsRehash(standIn)).toBe(false);
    expect(standIn).toBe(await standInHash());
    expect(await verifyPassword('', standIn)).toBe(false);
    expect(currentParams.N).toBeGreaterThanOrEqual(2 ** 15);
  });
});
