import { sampleStorySlug } from '@newsroom/sample';
import type { APIContext } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptHash } from '../server/security-headers.ts';
import { onRequest } from '../src/middleware';
import { render, type SiteUnderTest, startSite } from './site';

// The policy allows inline scripts by hash only, and no inline styles: a page that ships
// either one the policy does not name would be broken for readers. Every page type is
// rendered against a real API and passed through the middleware, as the server does.
let site: SiteUnderTest;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

async function throughMiddleware(path: string, response: Response): Promise<Response> {
  const context = { request: new Request(`http://localhost${path}`) } as APIContext;
  return (await onRequest(context, async () => response)) as Response;
}

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

/** The text of each script element a browser would run: no src, and a JavaScript type or none. */
function inlineScriptsIn(html: string): string[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(
      ([, attributes = '']) => !/\bsrc=/.test(attributes) && !/type="application\/ld\+json"/.test(attributes),
    )
    .map(([, , text = '']) => text);
}

async function pageModules() {
  const sample = await site.store.articles.bySlug(sampleStorySlug);
  if (!sample?.section || !sample.tags[0] || !sample.authors[0])
    throw new Error('the sample story lost its links');
  const preview = await site.store.previews.create(sample.id, {
    expiresAt: new Date(Date.now() + 3_600_000),
    purpose: 'desk',
    actor: { personId: null, name: 'Test desk' },
  });
  return [
    ['/', await import('../src/pages/index.astro'), {}],
    [
      `/articles/${sampleStorySlug}`,
      await import('../src/pages/articles/[slug].astro'),
      { slug: sampleStorySlug },
    ],
    [
      `/sections/${sample.section.slug}`,
      await import('../src/pages/sections/[slug].astro'),
      { slug: sample.section.slug },
    ],
    [
      `/tags/${sample.tags[0].slug}`,
      await import('../src/pages/tags/[slug].astro'),
      { slug: sample.tags[0].slug },
    ],
    [
      `/authors/${sample.authors[0].slug}`,
      await import('../src/pages/authors/[slug].astro'),
      { slug: sample.authors[0].slug },
    ],
    ['/search?q=lavrov', await import('../src/pages/search.astro'), {}],
    [
      `/preview/${preview.secret}`,
      await import('../src/pages/preview/[token].astro'),
      { token: preview.secret },
    ],
    ['/nowhere', await import('../src/pages/404.astro'), {}],
    ['/broken', await import('../src/pages/500.astro'), {}],
  ] as const;
}

describe('the Content-Security-Policy of the pages', () => {
  it('names every directive the site relies on, with no unsafe-inline or unsafe-eval anywhere', async () => {
    const page = await throughMiddleware('/', new Response('<h1>Hi</h1>'));
    const policy = page.headers.get('content-security-policy') ?? '';
    const directives = directivesOf(policy);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')?.[0]).toBe("'self'");
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'https:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/unsafe-|\*|data:/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('allows each inline script every page type ships, and the pages carry no inline style', async () => {
    let scriptsSeen = 0;
    for (const [path, module, params] of await pageModules()) {
      const rendered = await render(site.container, module, path, { params });
      const response = await throughMiddleware(
        path,
        new Response(rendered.html, { status: rendered.status }),
      );
      const allowed = directivesOf(response.headers.get('content-security-policy') ?? '').get('script-src');
      for (const script of inlineScriptsIn(rendered.html)) {
        expect(allowed, `${path} ships a script the policy blocks`).toContain(scriptHash(script));
        scriptsSeen++;
      }
      expect(rendered.html, path).not.toMatch(/<style[\s>]|\sstyle=/);
    }
    // The article page's "Copy link" script is what this checks; without it there is nothing to test.
    expect(scriptsSeen).toBeGreaterThan(0);
  });

  it('covers errors and outages, and a route cannot replace it', async () => {
    const down = await throughMiddleware('/', new Response('down', { status: 503 }));
    expect(down.headers.get('content-security-policy')).toContain("default-src 'self'");
    const weakened = await throughMiddleware(
      '/rss.xml',
      new Response('<rss/>', { headers: { 'content-security-policy': "script-src 'unsafe-inline'" } }),
    );
    expect(weakened.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(weakened.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});
