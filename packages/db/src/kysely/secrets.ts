import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: what a one-time link, a challenge or a session carries. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 hex of a secret: what is stored. A plain hash suffices since the secrets are random
 * 256-bit values, not passwords, and it lets a lookup use the unique index.
 */
export function secretHashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Longest secret accepted for lookup: a longer one cannot be ours, and hashing it is wasted work. */
export const maxSecretLength = 100;
