import { failureOf } from './api-errors';

/** The largest JSON body most endpoints read: a WebAuthn answer is a few KB. */
const maxBody = 64_000;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The posted JSON object, or null for a body too large, not JSON or not an object. */
export async function jsonBodyOf(request: Request, max = maxBody): Promise<Record<string, unknown> | null> {
  const text = await request.text();
  if (text.length > max) return null;
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Runs an API call for a script and answers its result, or the failure's status and message. */
export async function answer(call: () => Promise<unknown>): Promise<Response> {
  try {
    return json(await call());
  } catch (error) {
    const failure = failureOf(error);
    return json({ message: failure.message }, failure.status);
  }
}

export const badJson = () => json({ message: 'The desk could not read that request.' }, 400);
