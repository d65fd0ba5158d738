import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { sampleHeadline } from './page-types.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';

let newsroom: RunningNewsroom;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  newsroom = await startNewsroom();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

describe('a reader', () => {
  it('goes from the home page to a story, its tag, its author, and searches', async () => {
    const page = await browser.newPage();
    await page.goto(newsroom.siteUrl);
    await page.getByRole('link', { name: sampleHeadline }).first().click();
    await page.waitForURL(/\/articles\//);
    await expect(page.locator('h1').textContent()).resolves.toBe(sampleHeadline);

    await page.locator('.tags a[rel=tag]', { hasText: 'ASEAN' }).click();
    await page.waitForURL(/\/tags\//);
    await expect(page.locator('h1').textContent()).resolves.toContain('ASEAN');
    await page.getByRole('link', { name: sampleHeadline }).first().click();
    await page.waitForURL(/\/articles\//);

    const author = page.locator('.byline a.author').first();
    const authorName = (await author.textContent())?.trim() ?? '';
    await author.click();
    await page.waitForURL(/\/authors\//);
    await expect(page.locator('h1').textContent()).resolves.toContain(authorName);

    await page.locator('#site-search-q').fill('Lavrov "peace talks"');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hit = page.locator('.search-hit', { hasText: sampleHeadline });
    await expect(hit.count()).resolves.toBe(1);
    await expect(hit.locator('.snippet mark').count()).resolves.toBeGreaterThan(0);
  });

  it('posts a comment with JavaScript turned off and is told it awaits moderation', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${newsroom.siteUrl}/articles/fire-destroys-tomorrowlands-iconic-main-stage`);
    await page.locator('#comment-name').fill('Ines from Antwerp');
    await page.locator('#comment-body').fill('I was there the year before. <b>Terrible</b> news.');
    await page.locator('#comment-form button[type=submit]').click();
    await page.waitForURL(/comment=pending/);
    await expect(page.locator('.notice').textContent()).resolves.toContain('awaiting moderation');
    // Pending comments are not shown to readers until a moderator approves them.
    await expect(page.locator('.comment-body', { hasText: 'I was there' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('sees the see-also link and the credit line of the sample story', async () => {
    const page = await browser.newPage();
    await page.goto(`${newsroom.siteUrl}/`);
    await page.getByRole('link', { name: sampleHeadline }).first().click();
    await page.waitForURL(/\/articles\//);
    const seeAlso = page.locator('aside.see-also a', { hasText: 'Fire destroys Tomorrowland' });
    await expect(seeAlso.getAttribute('href')).resolves.toMatch(/^\/articles\/[a-z0-9-]+$/);
    await expect(page.locator('.credits').textContent()).resolves.toContain('Additional sources: AP');
    await seeAlso.click();
    await page.waitForURL(/tomorrowland/);
    await expect(page.locator('h1').textContent()).resolves.toContain('Tomorrowland');
  });

  it("sees the site's own 404 page for a story that does not exist", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${newsroom.siteUrl}/articles/no-such-story`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
  });
});
