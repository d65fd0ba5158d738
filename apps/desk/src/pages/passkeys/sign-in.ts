import type { APIRoute } from 'astro';
import { failureOf } from '../../lib/api-errors';
import { badJson, json, jsonBodyOf } from '../../lib/json-endpoint';
import { keepSession } from '../../lib/session';

/** A passkey's signed answer: a new session in the cookie, and where to go. */
export const POST: APIRoute = async ({ locals, request, cookies }) => {
  const body = await jsonBodyOf(request);
  if (!body || typeof body.ticket !== 'string' || !body.response || typeof body.response !== 'object')
    return badJson();
  try {
    const result = await locals.api.auth.passkeySignIn.mutate({
      ticket: body.ticket,
      response: body.response as never,
    });
    if (result.status !== 'signed-in') return json({ message: 'Sign in again.' }, 401);
    keepSession(cookies, result.session);
    return json({ location: '/' });
  } catch (error) {
    const failure = failureOf(error);
    return json({ message: failure.message }, failure.status);
  }
};
