import { sampleStorySlug } from '@newsroom/sample';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { render, type SiteUnderTest, startSite } from '../testing/site';

// The API allows one comment a minute per address here, so the second is refused.
let site: SiteUnderTest;
beforeAll(async () => {
  site = await startSite({ apiConfig: { API_RATE_LIMIT_COMMENTS: 1 } });
});
afterAll(() => site.close());

it('answers a rate-limited comment with 429, the reason and the reader’s text', async () => {
  const module = await import('./articles/[slug].astro');
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
