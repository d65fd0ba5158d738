import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { launchChromium } from './browser.js';
import { htmlErrors } from './html-validator.js';
import { pageTypes } from './page-types.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';

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

describe('every page type', () => {
  it('has no axe-core violations, in light and in dark mode', async () => {
    const found: Record<string, unknown> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(`${newsroom.siteUrl}${path}`);
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${name} (${colorScheme})`] = violations;
      }
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('is valid HTML by the W3C Nu checker', async () => {
    const html: Record<string, string> = {};
    for (const [name, path] of Object.entries(pages)) {
      html[name] = await (await fetch(`${newsroom.siteUrl}${path}`)).text();
    }
    expect(htmlErrors(html)).toEqual([]);
  });

  it('reads at 320 px without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${newsroom.siteUrl}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) wide.push(`${name}: ${overflow}px too wide`);
    }
    await context.close();
    expect(wide).toEqual([]);
  });

  it('can be read with the keyboard: the first Tab reaches the skip link, which goes to the content', async () => {
    const page = await browser.newPage();
    await page.goto(`${newsroom.siteUrl}${pages.article}`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain('skip-link');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#content');
  });
});

describe('screenshots for a person to look at', () => {
  it('are taken of the home, article and preview pages at 375 and 1280 px', async () => {
    const dir = join(new URL('..', import.meta.url).pathname, 'test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const taken: string[] = [];
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const name of ['home', 'article with hero image', 'preview'] as const) {
        await page.goto(`${newsroom.siteUrl}${pages[name]}`);
        const file = join(dir, `${name.replace(/ /g, '-')}-${width}.png`);
        const image = await page.screenshot({ path: file, fullPage: true });
        expect(image.byteLength).toBeGreaterThan(10_000);
        taken.push(file);
      }
      await context.close();
    }
    expect(taken).toHaveLength(6);
  });
});
