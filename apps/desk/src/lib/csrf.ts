import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh double-submit token: 32 random bytes, base64url. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are base64url of 32 bytes; anything else is not one of ours and never matches. */
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export function isCsrfTokenShape(value: string | null | undefined): value is string {
  return typeof value === 'string' && tokenShape.test(value);
}

/**
 * Whether the browser says the request came from the desk's own pages: Origin equal to the
 * desk's origin (DESK_URL's, or the address the request reached), else Sec-Fetch-Site
 * same-origin. A request that names neither is refused: every browser the desk supports sends one.
 */
export function isSameOrigin(headers: Headers, allowedOrigins: readonly string[]): boolean {
  const origin = headers.get('origin');
  if (origin !== null && origin !== 'null') return allowedOrigins.includes(origin);
  return headers.get('sec-fetch-site') === 'same-origin';
}

/** Whether the cookie's token and the one the form or header carries are the same, in constant time. */
export function tokensMatch(
  cookieToken: string | null | undefined,
  sentToken: string | null | undefined,
): boolean {
  if (!isCsrfTokenShape(cookieToken) || !isCsrfTokenShape(sentToken)) return false;
  return timingSafeEqual(Buffer.from(cookieToken), Buffer.from(sentToken));
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: 'cross-site' | 'token' };

/**
 * The CSRF check for a request that changes something: same-origin AND the double-submit
 * token. Both must hold: the origin check stops other sites; the token stops a same-site
 * page (another app on a sibling host) that the origin check cannot tell apart.
 */
export function csrfVerdict(
  headers: Headers,
  allowedOrigins: readonly string[],
  cookieToken: string | null | undefined,
  sentToken: string | null | undefined,
): CsrfVerdict {
  if (!isSameOrigin(headers, allowedOrigins)) return { ok: false, reason: 'cross-site' };
  if (!tokensMatch(cookieToken, sentToken)) return { ok: false, reason: 'token' };
  return { ok: true };
}

/** The token a request carries: the `x-csrf-token` header (scripts) or the form's `csrf` field. */
export async function sentCsrfToken(request: Request): Promise<string | null> {
  const header = request.headers.get('x-csrf-token');
  if (header !== null) return header;
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) {
    return null;
  }
  try {
    // A clone: the page reads the same body afterwards.
    const value = (await request.clone().formData()).get('csrf');
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
