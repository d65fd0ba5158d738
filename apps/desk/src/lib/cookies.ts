/**
 * The desk's two cookies: the session (the API's session secret) and the CSRF token. Over
 * https both are `__Host-` prefixed and Secure, so no other host or path can set or read them;
 * over plain http (a laptop) a browser refuses that prefix, so the plain names are used.
 */
export interface CookieOptions {
  httpOnly: true;
  secure: boolean;
  sameSite: 'lax';
  path: '/';
  maxAge?: number;
}

function isHttps(deskUrl: string): boolean {
  return new URL(deskUrl).protocol === 'https:';
}

export function sessionCookieName(deskUrl: string): string {
  return isHttps(deskUrl) ? '__Host-nr_session' : 'nr_session';
}

export function csrfCookieName(deskUrl: string): string {
  return isHttps(deskUrl) ? '__Host-nr_csrf' : 'nr_csrf';
}

function baseOptions(deskUrl: string): CookieOptions {
  return { httpOnly: true, secure: isHttps(deskUrl), sameSite: 'lax', path: '/' };
}

/** The session cookie lives exactly as long as the session may (its absolute end), never longer. */
export function sessionCookieOptions(deskUrl: string, expiresAt: string, now = Date.now()): CookieOptions {
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  return { ...baseOptions(deskUrl), maxAge: Math.max(0, seconds) };
}

/** The CSRF token lasts the browser session: a new one comes with the next page. */
export function csrfCookieOptions(deskUrl: string): CookieOptions {
  return baseOptions(deskUrl);
}

/** For deleting a cookie: the same attributes (a `__Host-` cookie is only replaced by its like), expired. */
export function expiredCookieOptions(deskUrl: string): CookieOptions {
  return { ...baseOptions(deskUrl), maxAge: 0 };
}
