import type { Store } from '@newsroom/db';
import type { Article } from '@newsroom/domain';
import { sampleStorySlug } from '@newsroom/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, type SiteUnderTest, startSite } from './site';

// The comment form's POST, answered by the article page: Post/Redirect/Get on success, the
// form again with the reader's text on a mistake, 403 for another site's form.
let site: SiteUnderTest;
let store: Store;
let moderated: Article;
let open: Article;
let closed: Article;

beforeAll(async () => {
  site = await startSite();
  store = site.store;
  const [, , second, third] = (await store.articles.list({ limit: 4 })).items;
  const setPolicy = async (slug: string, commentPolicy: 'open' | 'closed') => {
    const article = await store.articles.bySlug(slug);
    if (!article) throw new Error(`no ${slug}`);
    return store.articles.update({ id: article.id, version: article.version, commentPolicy });
  };
  moderated = (await store.articles.bySlug(sampleStorySlug)) as Article;
  open = await setPolicy(second?.slug ?? '', 'open');
  closed = await setPolicy(third?.slug ?? '', 'closed');
});
afterAll(() => site.close());

const articleModule = () => import('../src/pages/articles/[slug].astro');

async function post(article: Article, form: Record<string, string>, headers?: Record<string, string>) {
  return render(site.container, await articleModule(), `/articles/${article.slug}`, {
    params: { slug: article.slug },
    form,
    ...(headers ? { headers } : {}),
  });
}

async function get(path: string, slug: string) {
  return render(site.container, await articleModule(), path, { params: { slug } });
}

const pending = async () => (await store.comments.listByStatus('pending', { limit: 100 })).items;

describe('posting a comment', () => {
  it('redirects back (303) to the story, which says the comment awaits moderation', async () => {
    const response = await post(moderated, { displayName: 'Rita Reader', body: '  A thoughtful comment.  ' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toBe(`/articles/${moderated.slug}?comment=pending#comments`);
    const stored = (await pending()).find((c) => c.displayName === 'Rita Reader');
    expect(stored).toMatchObject({
      articleId: moderated.id,
      body: 'A thoughtful comment.',
      status: 'pending',
    });

    const after = await get(location.replace(/#.*/, ''), moderated.slug);
    expect(after.status).toBe(200);
    expect(after.html).toContain('Your comment is awaiting moderation');
    expect(after.html).not.toContain('A thoughtful comment.');
  });

  it('shows the comment at once on a story whose comments are open', async () => {
    const response = await post(open, { displayName: 'Olga Open', body: 'Straight onto the page.' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(
      new RegExp(`^/articles/${open.slug}\\?comment=published#comment-[0-9a-f-]{36}$`),
    );
    const after = await get(location.replace(/#.*/, ''), open.slug);
    expect(after.html).toContain('Your comment has been published');
    expect(after.html).toContain('Straight onto the page.');
  });

  it('files a reply under the comment it answers', async () => {
    const first = await post(open, { displayName: 'Parent', body: 'The first word.' });
    const parentId = /#comment-(.+)$/.exec(first.headers.get('location') ?? '')?.[1] ?? '';
    const reply = await post(open, { displayName: 'Child', body: 'The last word.', parentId });
    expect(reply.status).toBe(303);
    const { html } = await get(`/articles/${open.slug}`, open.slug);
    expect(html).toMatch(
      new RegExp(
        `id="comment-${parentId}">.*?The first word\\..*?<ol class="replies">.*?The last word\\.`,
        's',
      ),
    );
  });

  it('drops a comment whose honeypot is filled, but answers like a success', async () => {
    const before = (await pending()).length;
    const response = await post(moderated, {
      displayName: 'Bot',
      body: 'Buy now',
      website: 'https://spam.example',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/articles/${moderated.slug}?comment=pending#comments`);
    expect((await pending()).length).toBe(before);
  });

  it('re-renders the form with 400, the message and the reader’s text when the comment is empty', async () => {
    const response = await post(moderated, { displayName: 'Kept <Name>', body: '   ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.html).toContain(
      '<p class="field-error" id="comment-body-error">Please write your comment.</p>',
    );
    // Astro leaves < as it is inside a quoted attribute, where it is only text.
    expect(response.html).toMatch(/<input id="comment-name" name="displayName" [^\n]*?value="Kept <Name>"/);
    expect(response.html).toMatch(/<textarea id="comment-body"[^>]*aria-invalid="true"/);
  });

  it('keeps the comment when the name is missing', async () => {
    const response = await post(moderated, { displayName: '', body: 'Words worth keeping & <more>.' });
    expect(response.status).toBe(400);
    expect(response.html).toContain('Please enter your name.');
    expect(response.html).toContain('>Words worth keeping &amp; &lt;more&gt;.</textarea>');
  });

  it('refuses a comment that is too long with 400, keeping the text', async () => {
    const body = 'x'.repeat(5_001);
    const response = await post(moderated, { displayName: 'Long', body });
    expect(response.status).toBe(400);
    expect(response.html).toContain('Your comment is too long: use at most 5,000 characters');
    expect(response.html).toContain(`>${body}</textarea>`);
  });

  it('refuses a form posted from another site (CSRF) with 403, storing nothing', async () => {
    const before = (await pending()).length;
    const response = await post(
      moderated,
      { displayName: 'Mallory', body: 'Forged' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.html).toContain('Comments can only be sent from the form on this site.');
    expect((await pending()).length).toBe(before);
  });

  it('accepts no Origin only with a Referer on this site', async () => {
    const url = `http://localhost/articles/${moderated.slug}`;
    const send = async (headers: Record<string, string>) => {
      const module = await articleModule();
      const response = await site.container.renderToResponse(module.default, {
        params: { slug: moderated.slug },
        request: new Request(url, {
          method: 'POST',
          body: new URLSearchParams({ displayName: 'Ref', body: 'By referer' }),
          headers,
        }),
      });
      return response.status;
    };
    expect(await send({ referer: `${url}#comment-form` })).toBe(303);
    expect(await send({ referer: 'https://evil.example/page' })).toBe(403);
    expect(await send({})).toBe(403);
  });

  it('takes no comments on a story whose comments are closed', async () => {
    const page = await get(`/articles/${closed.slug}`, closed.slug);
    expect(page.html).toContain('Comments are closed.');
    expect(page.html).not.toContain('<form class="comment-form"');
    const response = await post(closed, { displayName: 'Late', body: 'Too late' });
    expect(response.status).toBe(403);
  });
});
