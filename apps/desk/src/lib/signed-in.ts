import { errorCodeOf } from '@newsroom/api/client';
import type { AstroGlobal } from 'astro';
import type { DeskClient } from './api';
import { forgetSession } from './session';

export type Me = Awaited<ReturnType<DeskClient['account']['me']['query']>>;

/**
 * The signed-in person for a page that needs one, or the redirect to /sign-in when there is no
 * session or it has ended (the stale cookie goes with it). Other failures are thrown to the page.
 */
export async function signedIn(astro: AstroGlobal): Promise<{ me: Me } | { redirect: Response }> {
  if (!astro.locals.session) return { redirect: astro.redirect('/sign-in', 303) };
  try {
    return { me: await astro.locals.api.account.me.query() };
  } catch (error) {
    if (errorCodeOf(error) === 'UNAUTHORIZED') {
      forgetSession(astro.cookies);
      return { redirect: astro.redirect('/sign-in', 303) };
    }
    throw error;
  }
}
