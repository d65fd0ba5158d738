import { errorCodeOf } from '@newsroom/api/client';

export type Loaded<T> = { ok: true; data: T } | { ok: false; status: number; title: string; message: string };

const failures: Record<string, { status: number; title: string; message: string }> = {
  NOT_FOUND: {
    status: 404,
    title: 'Page not found',
    message: 'We could not find that story. It may have moved or never existed.',
  },
  BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    message: 'That address is not one this site understands.',
  },
};

/**
 * Runs an API call for a page and turns its failure into what the page should answer:
 * the API's 404 and 400 pass through, anything else means the API is not answering (502).
 */
export async function load<T>(call: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    const known = failures[errorCodeOf(error) ?? ''];
    if (known) return { ok: false, ...known };
    console.error('API call failed', error);
    return {
      ok: false,
      status: 502,
      title: 'Service unavailable',
      message: 'The news service is not answering right now. Please try again in a moment.',
    };
  }
}
