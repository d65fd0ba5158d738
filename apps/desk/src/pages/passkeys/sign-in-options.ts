import type { APIRoute } from 'astro';
import { answer } from '../../lib/json-endpoint';

/** The challenge for "Sign in with a passkey" (the CSRF check ran in the middleware). */
export const POST: APIRoute = ({ locals }) => answer(() => locals.api.auth.passkeyOptions.mutate());
