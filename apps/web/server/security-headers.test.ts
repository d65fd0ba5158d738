import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIContext } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onRequest, pageSecurityHeaders } from '../src/middleware';
import { contentSecurityPolicy, fileSecurityHeaders } from './security-headers.ts';
import { createSiteServer, type SiteServer } from './site-server.ts';

// The site server answers some requests without Astro (its files, kept pages, its own 500),
// so the middleware's headers alone would miss them. Here Astro is stood in for by a page
// passed through the real middleware, as the built site does.
let renders = 0;
async function astro(req: IncomingMessage, res: ServerResponse) {
  renders++;
  if (req.url === '/throws') throw new Error('the renderer broke');
  const context = { request: new Request(`http://localhost${req.url}`) } as APIContext;
  const page = (await onRequest(
    context,
    async () =>
      new Response('<!doctype html><h1>A story</h1>', {
        headers: { 'content-type': 'text/html' },
      }),
  )) as Response;
  res.writeHead(page.status, Object.fromEntries(page.headers));
  res.end(await page.text());
}

let clientDir: string;
let site: SiteServer;
let base: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'newsroom-client-'));
  mkdirSync(join(clientDir, '_astro'));
  writeFileSync(join(clientDir, '_astro', 'site.abc123.css'), 'body { color: #111; }');
  writeFileSync(
    join(clientDir, 'favicon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  site = createSiteServer({ astro, clientDir, pageCacheMb: 8 });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  site.stop();
  site.server.closeAllConnections();
  await new Promise((resolve) => site.server.close(resolve));
  rmSync(clientDir, { recursive: true, force: true });
});

function expectHeaders(res: Response, expected: Record<string, string>) {
  for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name), name).toBe(value);
  expect(res.headers.get('set-cookie')).toBeNull();
}

describe('security headers from the site server', () => {
  it('go with a page when it is rendered, when it is served from the page cache and when it is revalidated', async () => {
    renders = 0;
    const first = await fetch(`${base}/articles/a`);
    expectHeaders(first, pageSecurityHeaders);
    const kept = await fetch(`${base}/articles/a`);
    expectHeaders(kept, pageSecurityHeaders);
    const revalidated = await fetch(`${base}/articles/a`, {
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
    expectHeaders(revalidated, pageSecurityHeaders);
    // The second and third answers came from the cache, not from Astro and its middleware.
    expect(renders).toBe(1);
  });

  it('go with the site files, an SVG with a script in it included', async () => {
    renders = 0;
    for (const path of ['/favicon.svg', '/_astro/site.abc123.css']) {
      const file = await fetch(`${base}${path}`);
      expect(file.status).toBe(200);
      expectHeaders(file, fileSecurityHeaders);
    }
    expect(fileSecurityHeaders['content-security-policy']).toContain("script-src 'self';");
    expect(renders).toBe(0);
  });

  it("go with the server's own answer when rendering fails", async () => {
    const failed = await fetch(`${base}/throws`);
    expect(failed.status).toBe(500);
    expectHeaders(failed, fileSecurityHeaders);
  });
});

describe('the policy for the dev server', () => {
  it('allows inline styles there only, and never inline scripts', () => {
    const dev = contentSecurityPolicy(['copy()'], { inlineStyles: true });
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev).toMatch(/script-src 'self' 'sha256-[^']+'(;|$)/);
    expect(pageSecurityHeaders['content-security-policy']).toContain("style-src 'self';");
    expect(pageSecurityHeaders['content-security-policy']).not.toContain('unsafe');
  });
});
