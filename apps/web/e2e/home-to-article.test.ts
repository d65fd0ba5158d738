import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';

const sampleHeadline =
  'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov';

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
  it('goes from the home page to the sample story and sees its see-also link and credit', async () => {
    const page = await browser.newPage();
    await page.goto(newsroom.siteUrl);
    await page.getByRole('link', { name: sampleHeadline }).click();
    await page.waitForURL(/\/articles\//);

    await expect(page.locator('h1').textContent()).resolves.toBe(sampleHeadline);
    const seeAlso = page.locator('aside.see-also a', { hasText: 'Fire destroys Tomorrowland' });
    await expect(seeAlso.count()).resolves.toBe(1);
    await expect(seeAlso.getAttribute('href')).resolves.toMatch(/^\/articles\/[a-z0-9-]+$/);
    await expect(page.locator('.credits').textContent()).resolves.toContain('Additional sources: AP');

    // The see-also link leads to a real story.
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
