import type { APIRoute } from 'astro';
import { answer } from '../../lib/json-endpoint';

/** The challenge for "Add a passkey" on Your account. */
export const POST: APIRoute = ({ locals }) =>
  answer(() => locals.api.account.passkeyRegistrationOptions.mutate());
