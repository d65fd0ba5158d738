import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { pageTypes } from './page-types.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';

// The built site, as readers get it: every kind of answer carries the security headers, and
// with the policy enforced the pages still work, the "Copy link" script included.
let newsroom: RunningNewsroom;
let browser: Browser;
let pages: Record<string, string>;

beforeAll(async () => {
  browser = await launchChromium();
  newsroom = await startNewsroom();
  pages = await pageTypes(newsroom);
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

/** Addresses of every other kind of answer: feeds, sitemaps, files, health, robots. */
async function otherAnswers(): Promise<Record<string, string>> {
  const home = await (await fetch(`${newsroom.siteUrl}/`)).text();
  const stylesheet = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1];
  if (!stylesheet) throw new Error('the home page links no stylesheet under /_astro/');
  const index = await (await fetch(`${newsroom.siteUrl}/sitemap.xml`)).text();
  const month = /<loc>https?:\/\/[^/]+(\/sitemaps\/articles-[^<]+\.xml)<\/loc>/.exec(index)?.[1];
  if (!month) throw new Error('the sitemap index names no monthly sitemap');
  return {
    'site feed': '/rss.xml',
    'section feed': `${pages.section}/rss.xml`,
    'tag feed': `${pages.tag}/rss.xml`,
    'sitemap index': '/sitemap.xml',
    'monthly sitemap': month,
    'taxonomy sitemap': '/sitemaps/taxonomy.xml',
    'news sitemap': '/news-sitemap.xml',
    robots: '/robots.txt',
    health: '/healthz',
    stylesheet,
    icon: '/favicon.svg',
    'missing file': '/_astro/no-such-file.js',
  };
}

function headersProblems(name: string, res: Response): string[] {
  const problems: string[] = [];
  const policy = res.headers.get('content-security-policy') ?? '';
  if (!/default-src 'self'/.test(policy) || !/frame-ancestors 'self'/.test(policy))
    problems.push(`${name}: policy "${policy}"`);
  if (/unsafe-inline|unsafe-eval/.test(policy)) problems.push(`${name}: unsafe policy "${policy}"`);
  if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${name}: no nosniff`);
  if (!res.headers.get('referrer-policy')) problems.push(`${name}: no referrer-policy`);
  if (res.headers.get('set-cookie') !== null) problems.push(`${name}: sets a cookie`);
  return problems;
}

/** Violations the page reports, gathered from before its first script runs. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

describe('the security headers', () => {
  it('go with every kind of answer, asked for twice so the second comes from the page cache', async () => {
    const problems: string[] = [];
    const answers = { ...pages, ...(await otherAnswers()) };
    for (const round of ['rendered', 'kept']) {
      for (const [name, path] of Object.entries(answers)) {
        const res = await fetch(`${newsroom.siteUrl}${path}`, { redirect: 'manual' });
        await res.arrayBuffer();
        problems.push(...headersProblems(`${name} (${round})`, res));
      }
    }
    const head = await fetch(`${newsroom.siteUrl}${pages.article}`, { method: 'HEAD' });
    problems.push(...headersProblems('HEAD of an article', head));
    expect(problems).toEqual([]);
  });

  it('go with the answers to a comment, and the comment form sets no cookie', async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${newsroom.siteUrl}${pages.article}`, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { origin: newsroom.siteUrl },
        redirect: 'manual',
      });
    const accepted = await post({ displayName: 'Ines', body: 'A fair report.' });
    expect(accepted.status).toBe(303);
    const refused = await post({ displayName: '', body: 'No name given.' });
    expect(refused.status).toBe(400);
    const foreign = await fetch(`${newsroom.siteUrl}${pages.article}`, {
      method: 'POST',
      body: new URLSearchParams({ displayName: 'X', body: 'Y' }),
      headers: { origin: 'https://elsewhere.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect([
      ...headersProblems('accepted comment', accepted),
      ...headersProblems('refused comment', refused),
      ...headersProblems('comment from another site', foreign),
    ]).toEqual([]);
  });
});

describe('the policy in Chromium', () => {
  it('blocks nothing the pages themselves ship', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await watchViolations(page);
    const found: Record<string, string[]> = {};
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${newsroom.siteUrl}${path}`, { waitUntil: 'load' });
      const seen = await violations(page);
      if (seen.length > 0) found[name] = seen;
      // The stylesheet applied: the policy let it in.
      await expect(page.evaluate(() => document.styleSheets.length)).resolves.toBeGreaterThan(0);
    }
    expect(found).toEqual({});
    await context.close();
  });

  it('runs the "Copy link" script, which copies the address of the story', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: newsroom.siteUrl });
    const page = await context.newPage();
    await watchViolations(page);
    await page.goto(`${newsroom.siteUrl}${pages.article}`);
    // The button starts hidden; only the script shows it.
    await page.locator('#copy-link').click({ timeout: 10_000 });
    // The script says how the copy went once the clipboard has answered, which takes a moment.
    await page.waitForFunction(() => document.querySelector('#copy-status')?.textContent, null, {
      timeout: 10_000,
    });
    await expect(page.locator('#copy-status').textContent()).resolves.toBe('Link copied.');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      await page.locator('#share-url').inputValue(),
    );
    await expect(violations(page)).resolves.toEqual([]);
    await context.close();
  });

  it('is enforced: an inline script the site did not ship is refused and reported', async () => {
    const page = await browser.newPage();
    await watchViolations(page);
    await page.goto(`${newsroom.siteUrl}${pages.article}`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.append(script);
    });
    await expect.poll(() => violations(page), { timeout: 10_000 }).toHaveLength(1);
    await expect(
      page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran),
    ).resolves.toBeUndefined();
    expect((await violations(page))[0]).toMatch(/^script-src/);
    await page.close();
  });
});
