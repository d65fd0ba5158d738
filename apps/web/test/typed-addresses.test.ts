import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltSite, type NewsroomApiUnderTest, startBuiltSite, startNewsroomApi } from './site';

// Whatever a reader, a link checker or a scanner types into the address bar, the built site
// answers it as a page that is there (2xx, 3xx) or is not (404, or 400/405 for what cannot be
// an address): never a 5xx, which would say the site is broken.

let newsroom: NewsroomApiUnderTest;
let site: BuiltSite;

beforeAll(async () => {
  newsroom = await startNewsroomApi();
  site = await startBuiltSite({ API_URL: newsroom.apiUrl, SITE_URL: 'https://news.example' });
}, 60_000);
afterAll(async () => {
  await site?.stop();
  await newsroom?.close();
});

/**
 * Sends `path` exactly as written, bytes the URL parser would fix (`..`, `%ZZ`, NUL) included,
 * and returns the status and body of the answer.
 */
function request(path: string, method = 'GET', body = ''): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    const head = [
      `${method} ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      'Connection: close',
      ...(method === 'POST'
        ? ['Content-Type: application/x-www-form-urlencoded', `Content-Length: ${Buffer.byteLength(body)}`]
        : []),
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1');
  });
}

const long = 'a'.repeat(5_000);

/** Names of the site's own files and tests, and what scanners try on every site. */
const notPages = [
  '/pages.test',
  '/comments.test',
  '/outage.test',
  '/comments.test.ts',
  '/src/pages/pages.test.ts',
  '/test/site.ts',
  '/server.mjs',
  '/package.json',
  '/dist/server/entry.mjs',
  '/.env',
  '/.git/config',
  '/index.php',
  '/wp-admin',
  '/wp-login.php',
  '/500',
  '/500/',
];

const oddAddresses = [
  ...notPages,
  // Broken percent-encoding, in the path and in the query.
  '/%E0%A4%A',
  '/%',
  '/articles/%ZZ',
  '/articles/%',
  '/sections/%E0%A4%A',
  '/tags/%C0%AF',
  '/authors/%FF',
  '/tags/%ZZ/rss.xml',
  '/sitemaps/articles-%ZZ.xml',
  '/search?q=%E0%A4%A',
  '/search?q=%',
  '/?cursor=%ZZ',
  '/sections/world?cursor=%ZZ',
  '/articles/despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks?reply=%ZZ&comments=%ZZ',
  // Climbing out of the site.
  '/../../etc/passwd',
  '/articles/../../etc/passwd',
  '/_astro/../package.json',
  '/media/../../package.json',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/articles/..%2f..%2fpackage.json',
  '/..%5c..%5cwindows/win.ini',
  '//',
  '///etc/passwd',
  // Very long segments.
  `/${long}`,
  `/articles/${long}`,
  `/sections/${long}`,
  `/tags/${long}/rss.xml`,
  `/sitemaps/articles-${'9'.repeat(5_000)}.xml`,
  `/search?q=${long}`,
  `/?cursor=${long}`,
  // NUL, raw and encoded.
  '/articles/a\u0000b',
  '/%00',
  '/articles/%00',
  '/search?q=%00',
  '/tags/%00/rss.xml',
  '/media/sample/1.svg%00',
  // Near misses of real addresses.
  '/articles',
  '/articles/',
  '/sections',
  '/tags/',
  '/tags/UPPER',
  '/articles/%F0%9F%98%80',
  '/sitemaps/articles-2025-13.xml',
  '/sitemaps/articles-0000-00.xml',
  '/_astro/',
  '/_astro/nothing.css',
  '/_image',
  '/_image?href=/etc/passwd',
  '/_server-islands/x',
  '/healthz/x',
  '/rss.xml/x',
  '/search?q[]=a',
  '/?cursor[]=x',
];

describe('any address a reader can type', () => {
  it('every link on the front page answers, none with a 5xx', async () => {
    const home = await fetch(site.url);
    expect(home.status).toBe(200);
    const html = await home.text();
    const links = new Set(
      [...html.matchAll(/\s(?:href|src)="([^"]+)"/g)]
        .map(([, link = '']) => new URL(link.replaceAll('&amp;', '&'), site.url))
        .filter((url) => url.origin === site.url)
        .map((url) => `${url.pathname}${url.search}`),
    );
    // Stories, sections, feeds, search, paging, the stylesheet and pictures: enough to mean something.
    expect(links.size).toBeGreaterThan(30);
    const answers: Record<string, number> = {};
    for (const link of links)
      answers[link] = (await fetch(new URL(link, site.url), { redirect: 'manual' })).status;
    expect(Object.entries(answers).filter(([, status]) => status >= 500)).toEqual([]);
    expect(Object.values(answers).filter((status) => status === 200).length).toBeGreaterThan(30);
  });

  it('odd addresses get a 4xx or a page, never a 5xx, and never an error’s details', async () => {
    const answers: Record<string, number> = {};
    for (const path of oddAddresses) {
      const { status, text } = await request(path);
      answers[path.slice(0, 60)] = status;
      expect(status, path.slice(0, 60)).toBeGreaterThanOrEqual(200);
      expect(text, path.slice(0, 60)).not.toMatch(/\n\s+at .+:\d+:\d+|TypeError|vitest/);
    }
    expect(Object.entries(answers).filter(([, status]) => status >= 500)).toEqual([]);
  });

  it('the site’s own files, tests and error page are not pages: 404 to GET, HEAD and a posted form', async () => {
    for (const path of notPages) {
      expect((await request(path)).status, path).toBe(404);
      expect((await request(path, 'HEAD')).status, `HEAD ${path}`).toBe(404);
      expect((await request(path, 'POST', 'displayName=a&body=b')).status, `POST ${path}`).toBe(404);
    }
  });
});
