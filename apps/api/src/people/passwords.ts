import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes with scrypt from node:crypto (memory-hard, no native addon). Each hash carries
 * its own parameters, `scrypt$N=32768,r=8,p=3,l=32$<salt>$<key>` (base64url salt and key), so
 * the parameters can be raised later: old hashes still verify, and needsRehash tells the
 * sign-in to store a new one.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
  /** Length of the derived key in bytes. */
  keylen: number;
}

/**
 * OWASP's scrypt minimum in its 32 MiB form (N=2^15, r=8, p=3): about a quarter of a second
 * per hash on a small server, and 32 MiB for that moment, so ten sign-ins at once stay cheap.
 */
export const currentParams: ScryptParams = { N: 2 ** 15, r: 8, p: 3, keylen: 32 };

const saltBytes = 16;
/** Far beyond what currentParams needs, but a bound: a forged hash cannot make us allocate gigabytes. */
const maxN = 2 ** 20;
const maxR = 32;
const maxP = 16;
const maxKeylen = 64;

const format =
  /^scrypt\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3}),l=(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{16,128})$/;

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(hash: string): ParsedHash | null {
  const match = format.exec(hash);
  if (!match) return null;
  const [N, r, p, keylen] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > maxN || r < 1 || r > maxR || p < 1 || p > maxP || keylen < 16 || keylen > maxKeylen)
    return null;
  const key = Buffer.from(match[6] ?? '', 'base64url');
  if (key.length !== keylen) return null;
  return { params: { N, r, p, keylen }, salt: Buffer.from(match[5] ?? '', 'base64url'), key };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default ceiling (32 MiB) is just under what N=2^15, r=8 needs: scrypt uses 128·N·r bytes.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, params.keylen, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A new hash of `password` (NFC-normalised) with a fresh salt and `params`. */
export async function hashPassword(password: string, params: ScryptParams = currentParams): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p},l=${params.keylen}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * Whether `password` is the one `hash` was made from, compared in constant time. A hash that is
 * not in the format above never matches (and costs no scrypt run).
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a hash was made with other parameters than today's, so the next sign-in should store a new one. */
export function needsRehash(hash: string, params: ScryptParams = currentParams): boolean {
  const parsed = parseHash(hash);
  if (!parsed) return true;
  const { N, r, p, keylen } = parsed.params;
  return N !== params.N || r !== params.r || p !== params.p || keylen !== params.keylen;
}

let standIn: Promise<string> | null = null;

/**
 * A hash of no one's password, made once with today's parameters: a sign-in for an unknown
 * email, or for a person without a password, verifies against it, so it takes as long as a
 * wrong password and the answer's timing tells nothing about who has an account.
 */
export function standInHash(): Promise<string> {
  standIn ??= hashPassword(randomBytes(24).toString('base64url'));
  return standIn;
}
