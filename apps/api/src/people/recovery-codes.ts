import { createHash, randomInt } from 'node:crypto';

/**
 * Recovery codes: ten one-time codes, `xxxxx-xxxxx` from a lower-case base32 alphabet (no 0, 1,
 * 8 or 9 to mistake for letters), for when the authenticator app is lost. Only their hashes
 * are stored.
 */
const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
export const recoveryCodeCount = 10;

function randomGroup(): string {
  let group = '';
  for (let i = 0; i < 5; i++) group += alphabet[randomInt(alphabet.length)];
  return group;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => `${randomGroup()}-${randomGroup()}`);
}

/** A code as typed, lower-cased, without dash or spaces: "ABCDE-FGHIJ " and "abcdefghij" are one code. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

/** What the Store keeps of a code: SHA-256 (hex) of its normalised form. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
