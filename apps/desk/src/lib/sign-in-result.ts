import type { AstroCookies } from 'astro';
import type { DeskClient } from './api';
import { forgetTicket, keepSession, keepTicket } from './session';

export type SignInResult = Awaited<ReturnType<DeskClient['auth']['signIn']['mutate']>>;

/**
 * Where a sign-in goes next: signed in, the session cookie is set and the person goes home;
 * asked for a second factor, the ticket is kept and they go to the code page.
 */
export function nextAfterSignIn(cookies: AstroCookies, result: SignInResult): string {
  if (result.status === 'signed-in') {
    forgetTicket(cookies);
    keepSession(cookies, result.session);
    return '/';
  }
  keepTicket(cookies, result.ticket);
  return '/sign-in/code';
}
