import { request } from 'node:http';
import { sampleStorySlug } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BuiltSite,
  type NewsroomApiUnderTest,
  render,
  type SiteUnderTest,
  startBuiltSite,
  startNewsroomApi,
  startSite,
} from './site';

// The API allows one comment a minute per address here, so the second is refused.
let site: SiteUnderTest;
beforeAll(async () => {
  site = await startSite({ apiConfig: { API_RATE_LIMIT_COMMENTS: 1 } });
});
afterAll(() => site.close());

it('answers a rate-limited comment with 429, the reason and the reader’s text', async () => {
  const module = await import('../src/pages/articles/[slug].astro');
  const post = (body: string) =>
    render(site.container, module, `/articles/${sampleStorySlug}`, {
      params: { slug: sampleStorySlug },
      form: { displayName: 'Quick Typist', body },
    });
  expect((await post('First comment')).status).toBe(303);
  const second = await post('Second comment, kept');
  expect(second.status).toBe(429);
  expect(second.html).toContain('You have posted several comments in a short time.');
  expect(second.html).toContain('>Second comment, kept</textarea>');
  expect(second.html).toMatch(/<input id="comment-name" name="displayName" [^\n]*?value="Quick Typist"/);
});

describe('through the built site, two readers from two addresses', () => {
  let newsroom: NewsroomApiUnderTest;
  let built: BuiltSite;
  beforeAll(async () => {
    // As `npm start` runs them: the API believes the site's X-Forwarded-For, and allows each
    // address one comment a minute here.
    newsroom = await startNewsroomApi({
      stories: 3,
      apiConfig: { API_RATE_LIMIT_COMMENTS: 1, API_TRUST_PROXY: ['127.0.0.1'] },
    });
    built = await startBuiltSite({ API_URL: newsroom.apiUrl });
  });
  afterAll(async () => {
    await built?.stop();
    await newsroom?.close();
  });

  /** Posts the comment form from `from`, a loopback address of this machine, as a reader's browser would. */
  function postFrom(from: string, displayName: string): Promise<number> {
    const { hostname, port } = new URL(built.url);
    const body = new URLSearchParams({ displayName, body: `A comment from ${from}.` }).toString();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          localAddress: from,
          method: 'POST',
          path: `/articles/${sampleStorySlug}`,
          headers: {
            origin: built.url,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('are two limits, not one the site shares', async () => {
    expect(await postFrom('127.0.0.1', 'First Reader')).toBe(303);
    expect(await postFrom('127.0.0.2', 'Second Reader')).toBe(303);
    expect(await postFrom('127.0.0.1', 'First Reader')).toBe(429);
    expect(await postFrom('127.0.0.2', 'Second Reader')).toBe(429);
    const pending = (await newsroom.store.comments.listByStatus('pending', { limit: 10 })).items;
    expect(pending.map((c) => c.displayName).sort()).toEqual(['First Reader', 'Second Reader']);
  });
});
