import { errorCodeOf } from '@newsroom/api/client';
import { api } from './api';

export interface Failure {
  ok: false;
  status: number;
  title: string;
  message: string;
}

export type Loaded<T> = { ok: true; data: T } | Failure;

export const notFound: Failure = {
  ok: false,
  status: 404,
  title: 'Page not found',
  message: 'We could not find that page. It may have moved or never existed.',
};

export const unavailable: Failure = {
  ok: false,
  status: 503,
  title: 'Service unavailable',
  message: 'The news service is not answering right now. Please try again in a moment.',
};

export function badRequest(message = 'That address is not one this site understands.'): Failure {
  return { ok: false, status: 400, title: 'Bad request', message };
}

/**
 * What a page should answer for a failed API call: the API's 404 and 400 pass through;
 * anything else (no answer, a timeout, the API's own 5xx) means the news service is
 * unavailable, a 503 the reader can retry. The cause goes to the log, never to the page.
 */
export function failureOf(error: unknown): Failure {
  switch (errorCodeOf(error)) {
    case 'NOT_FOUND':
      return notFound;
    case 'BAD_REQUEST':
      return badRequest();
    default:
      console.error('API call failed:', error instanceof Error ? error.message : error);
      return unavailable;
  }
}

/** Runs an API call for a page and turns its failure into what the page should answer. */
export async function load<T>(call: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (error) {
    return failureOf(error);
  }
}

export type RedirectKind = 'article' | 'tag' | 'section' | 'author';

/**
 * Where a renamed article, tag, section or author lives now, or null. Asked only after a
 * NOT_FOUND, so the common case costs one call; a failing lookup is just "not moved".
 */
export async function movedTo(kind: RedirectKind, slug: string): Promise<string | null> {
  try {
    return (await api.redirect.lookup.query({ kind, slug })).slug;
  } catch {
    return null;
  }
}
