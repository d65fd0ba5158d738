import type { AstroCookies } from 'astro';
import { expiredCookieOptions, sessionCookieName, sessionCookieOptions } from './cookies';
import { deskConfig } from './desk-config';

/** Keeps a new session's secret in the session cookie, replacing any earlier one (no fixation). */
export function keepSession(cookies: AstroCookies, session: { secret: string; expiresAt: string }): void {
  cookies.set(
    sessionCookieName(deskConfig.DESK_URL),
    session.secret,
    sessionCookieOptions(deskConfig.DESK_URL, session.expiresAt),
  );
}

export function forgetSession(cookies: AstroCookies): void {
  cookies.set(sessionCookieName(deskConfig.DESK_URL), '', expiredCookieOptions(deskConfig.DESK_URL));
}

/**
 * The second-factor ticket between the password page and the code page: HttpOnly, short, and
 * never in the address, where it would land in history and logs.
 */
const ticketCookie = 'nr_ticket';

export function keepTicket(cookies: AstroCookies, ticket: string): void {
  cookies.set(ticketCookie, ticket, { ...expiredCookieOptions(deskConfig.DESK_URL), maxAge: 300 });
}

export function ticketOf(cookies: AstroCookies): string | null {
  return cookies.get(ticketCookie)?.value || null;
}

export function forgetTicket(cookies: AstroCookies): void {
  cookies.set(ticketCookie, '', expiredCookieOptions(deskConfig.DESK_URL));
}
