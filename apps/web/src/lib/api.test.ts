import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteClient, fetchWithDeadline } from './api';

/** A fetch that records each request's headers and answers every call in a batch with `data`. */
function recordingFetch(data: unknown) {
  const seen: Headers[] = [];
  const fake: typeof fetch = async (input, init) => {
    seen.push(new Headers(init?.headers));
    const url = new URL(String(input instanceof Request ? input.url : input));
    const calls = url.pathname.slice(1).split(',').length;
    return Response.json(Array.from({ length: calls }, () => ({ result: { data } })));
  };
  return { fetch: fake, seen };
}

describe('the site’s API client', () => {
  it('forwards the reader’s address as x-forwarded-for when it speaks for a reader', async () => {
    const recorder = recordingFetch({ slug: null });
    const client = createSiteClient({
      apiUrl: 'http://api.test',
      clientAddress: '203.0.113.7',
      fetch: recorder.fetch,
    });
    await client.redirect.lookup.query({ kind: 'article', slug: 'x' });
    expect(recorder.seen[0]?.get('x-forwarded-for')).toBe('203.0.113.7');
  });

  it('sends no forwarded address for the site’s own reads', async () => {
    const recorder = recordingFetch({ slug: null });
    const client = createSiteClient({ apiUrl: 'http://api.test', fetch: recorder.fetch });
    await client.redirect.lookup.query({ kind: 'article', slug: 'x' });
    expect(recorder.seen[0]?.has('x-forwarded-for')).toBe(false);
  });
});

describe('fetchWithDeadline', () => {
  // A server that takes connections and never answers.
  let server: Server;
  const sockets: Socket[] = [];
  let url: string;
  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on an API that never answers', async () => {
    const started = Date.now();
    await expect(fetchWithDeadline(200)(url)).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
