import { createHash } from 'node:crypto';

/**
 * What shared caches may do with a public read: serve it for `sMaxAge` seconds, then serve it
 * stale for a while longer while fetching a fresh copy. Browsers revalidate every time
 * (max-age=0), which is cheap with the ETag.
 */
export function publicCacheControl(sMaxAge: number): string {
  return `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=300`;
}

/** For answers that name who asked: nobody may keep them. */
export const privateCacheControl = 'private, no-store';
/** For errors and health answers: never kept, so a fixed fault is seen at once. */
export const noStoreCacheControl = 'no-store';

/** A strong validator for a body: the same bytes always give the same tag, other bytes another. */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * Whether an If-None-Match header names `etag`, so the client's copy is current (304). Uses
 * the weak comparison RFC 9110 prescribes for If-None-Match: `W/"x"` matches `"x"`.
 */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return value.split(',').some((tag) => opaque(tag) === wanted);
}

/** A Vary header's value with `name` added, unless it is already there (or Vary is `*`). */
export function appendVary(current: unknown, name: string): string {
  const values = String(current ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  if (values.some((value) => value.toLowerCase() === name.toLowerCase() || value === '*'))
    return values.join(', ');
  return [...values, name].join(', ');
}
