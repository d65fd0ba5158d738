import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSiteServer, type SiteServer } from './site-server.ts';

/**
 * Stands in for Astro: renders a page naming its address, filed under `page:<address>` and
 * `navigation` (or under nothing at /unkeyed), and counts renders per address.
 */
let renders: Map<string, number>;
let pageHeadline = 'First edition';
let holdRenders: Promise<void> | null = null;
async function astro(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/';
  renders.set(url, (renders.get(url) ?? 0) + 1);
  if (holdRenders) await holdRenders;
  if (req.method === 'POST') {
    res.writeHead(303, { location: '/thanks', 'cache-control': 'no-store' });
    return void res.end();
  }
  const broken = url.startsWith('/broken');
  res.writeHead(broken ? 503 : 200, {
    'content-type': 'text/html',
    'cache-control': broken ? 'no-store' : 'public, max-age=0, s-maxage=60',
    ...(url === '/unkeyed' ? {} : { 'surrogate-key': `page:${url} navigation` }),
  });
  res.write(`<!doctype html><h1>${pageHeadline}</h1>`);
  res.end(`<p>${'Words of the story at '.repeat(100)}${url}</p>`);
}

let clientDir: string;
let site: SiteServer;
let base: string;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function start(pageCacheMb: number) {
  site = createSiteServer({ astro, clientDir, pageCacheMb });
  base = await listen(site.server);
}

beforeAll(() => {
  clientDir = mkdtempSync(join(tmpdir(), 'newsroom-client-'));
  mkdirSync(join(clientDir, '_astro'));
  writeFileSync(
    join(clientDir, '_astro', 'site.abc123.css'),
    `body { color: #111; }\n${'.a { margin: 0 }\n'.repeat(200)}`,
  );
  writeFileSync(join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
});
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));
afterEach(async () => {
  site.stop();
  site.server.closeAllConnections();
  await new Promise((resolve) => site.server.close(resolve));
  renders = new Map();
  pageHeadline = 'First edition';
  holdRenders = null;
});

describe('the site server', () => {
  it('renders a page once and sends it again to every reader, compressed as each accepts', async () => {
    await start(8);
    renders = new Map();
    const plain = await fetch(`${base}/articles/a`, { headers: { 'accept-encoding': 'identity' } });
    const html = await plain.text();
    expect(html).toContain('<h1>First edition</h1>');
    expect(plain.headers.get('vary')).toBe('accept-encoding');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60');

    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        import('node:http').then(({ get }) =>
          get(`${base}/articles/a`, { headers: { 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          }).on('error', reject),
        );
      });
    const br = await raw('gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(html);
    const gzip = await raw('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(html);
    expect(renders.get('/articles/a')).toBe(1);

    const revalidated = await fetch(`${base}/articles/a`, {
      headers: { 'if-none-match': plain.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
    expect(renders.get('/articles/a')).toBe(1);
  });

  it('renders once for readers who ask for a page while it is being rendered', async () => {
    await start(8);
    renders = new Map();
    let release!: () => void;
    holdRenders = new Promise((resolve) => {
      release = resolve;
    });
    let arrived = 0;
    const allArrived = new Promise<void>((resolve) =>
      site.server.on('request', () => {
        if (++arrived === 5) resolve();
      }),
    );
    const answers = Array.from({ length: 5 }, () => fetch(`${base}/tags/climate`).then((res) => res.text()));
    // The server has handed all five to the page cache (its own listener runs first) before the render ends.
    await allArrived;
    release();
    const pages = await Promise.all(answers);
    expect(new Set(pages).size).toBe(1);
    expect(renders.get('/tags/climate')).toBe(1);
  });

  it('shows new content once a key of the page is purged, and keeps the pages not built from it', async () => {
    await start(8);
    renders = new Map();
    const first = await fetch(`${base}/`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    await first.text();
    await fetch(`${base}/other`).then((res) => res.text());
    pageHeadline = 'Second edition';
    const kept = await fetch(`${base}/`);
    expect(kept.headers.get('x-cache')).toBe('HIT');
    expect(await kept.text()).toContain('First edition');
    expect(site.cache?.purge(['page:/'])).toBe(1);
    expect(await fetch(`${base}/`).then((res) => res.text())).toContain('Second edition');
    expect(await fetch(`${base}/other`).then((res) => res.text())).toContain('First edition');
    site.cache?.purge(['navigation']);
    expect(await fetch(`${base}/other`).then((res) => res.text())).toContain('Second edition');
  });

  it('never keeps errors, answers to a POST or a page that names no keys', async () => {
    await start(8);
    renders = new Map();
    for (let n = 0; n < 2; n++) await fetch(`${base}/unkeyed`).then((res) => res.text());
    expect(renders.get('/unkeyed')).toBe(2);

    for (let n = 0; n < 2; n++) expect((await fetch(`${base}/broken`)).status).toBe(503);
    expect(renders.get('/broken')).toBe(2);
    for (let n = 0; n < 2; n++) {
      const posted = await fetch(`${base}/articles/a`, { method: 'POST', body: 'x', redirect: 'manual' });
      expect(posted.status).toBe(303);
    }
    expect(renders.get('/articles/a')).toBe(2);
  });

  it('renders every request when the cache is off, still compressed', async () => {
    await start(0);
    renders = new Map();
    for (let n = 0; n < 3; n++) {
      const res = await fetch(`${base}/search?q=harbour`, { headers: { 'accept-encoding': 'gzip' } });
      expect(await res.text()).toContain('/search?q=harbour');
    }
    expect(renders.get('/search?q=harbour')).toBe(3);
    expect(site.cache).toBeNull();
  });

  it('serves the client files from memory: hashed ones for a year, compressed, others for an hour', async () => {
    await start(8);
    renders = new Map();
    const css = await fetch(`${base}/_astro/site.abc123.css`, { headers: { 'accept-encoding': 'br' } });
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('content-encoding')).toBe('br');
    expect(await css.text()).toContain('body { color: #111; }');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(renders.size).toBe(0);
  });
});
