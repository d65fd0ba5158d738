import type { APIRoute } from 'astro';
import { answer, badJson, jsonBodyOf } from '../../lib/json-endpoint';

/** The new passkey's answer to the registration challenge, with the name the person gave it. */
export const POST: APIRoute = async ({ locals, request }) => {
  const body = await jsonBodyOf(request);
  if (!body || typeof body.ticket !== 'string' || typeof body.name !== 'string' || !body.response)
    return badJson();
  const { ticket, name, response } = body;
  return answer(() => locals.api.account.addPasskey.mutate({ ticket, name, response: response as never }));
};
