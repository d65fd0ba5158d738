/**
 * Writes through the API as the desk makes them: tRPC over HTTP with a token, a mutation a
 * plain JSON POST (`POST /article.update`), a query a GET with its input in the URL.
 */

/** Why a call did not give a result: its status and tRPC's message. */
export class ApiCallError extends Error {
  readonly status: number;
  constructor(procedure: string, status: number, message: string) {
    super(`${procedure} answered ${status}: ${message}`);
    this.status = status;
  }
}

export async function apiQuery<T>(
  base: string,
  token: string,
  procedure: string,
  input: unknown,
): Promise<T> {
  const url = `${base}/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  return resultOf<T>(
    procedure,
    await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) }),
  );
}

export async function apiMutation<T>(
  base: string,
  token: string,
  procedure: string,
  input: unknown,
): Promise<T> {
  const response = await fetch(`${base}/${procedure}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(30_000),
  });
  return resultOf<T>(procedure, response);
}

interface Versioned {
  id: string;
  slug: string;
  version: number;
  headline: string;
}

/**
 * A new headline for an article, as an editor would save it: `article.update` with the version
 * given, or read first (`article.byId`) when none is. Returns the article as saved.
 */
export async function updateHeadline(
  base: string,
  token: string,
  article: { id: string; version?: number; headline?: string },
  serial: number,
): Promise<Versioned> {
  const current =
    article.version !== undefined && article.headline !== undefined
      ? { version: article.version, headline: article.headline }
      : await apiQuery<Versioned>(base, token, 'article.byId', { id: article.id });
  return apiMutation<Versioned>(base, token, 'article.update', {
    id: article.id,
    version: current.version,
    headline: headlineAfter(current.headline, serial),
  });
}

/** The longest headline the API takes (the domain's limits.headline). */
export const headlineLimit = 200;

/** The headline with " (update <serial>)" in place of any such ending, within the headline limit. */
export function headlineAfter(headline: string, serial: number): string {
  const suffix = ` (update ${serial})`;
  const base = headline.replace(/ \(update \d+\)$/, '');
  return `${base.slice(0, headlineLimit - suffix.length).trimEnd()}${suffix}`;
}

async function resultOf<T>(procedure: string, response: Response): Promise<T> {
  const text = await response.text();
  let body: { result?: { data: T }; error?: { message?: string } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not tRPC's JSON: its start says what it was.
  }
  if (response.status !== 200 || !body.result) {
    throw new ApiCallError(procedure, response.status, body.error?.message ?? text.slice(0, 200));
  }
  return body.result.data;
}
