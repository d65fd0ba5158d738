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

/**
 * A webhook endpoint's signing secret as Standard Webhooks writes it: `whsec_` and 24 random
 * bytes in base64. Kept as is (it signs every delivery), shown to the admin once.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Longest secret accepted for lookup: a longer one cannot be ours, and hashing it is wasted work. */
export const maxSecretLength = 100;
