export interface ApiAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests walk arbitrary JSON answers
  body: any;
}

/**
 * One raw HTTP call to the API, as a non-TypeScript client makes it: a GET with `?input=` for
 * a query, a POST with a JSON body for a mutation (`method: 'POST'`).
 */
export async function callApi(
  base: string,
  path: string,
  input?: unknown,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const method = init.method ?? 'GET';
  const query =
    method === 'GET' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
  const res = await fetch(`${base}/${path}${query}`, {
    method,
    headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(method === 'POST' && input !== undefined ? { body: JSON.stringify(input) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
