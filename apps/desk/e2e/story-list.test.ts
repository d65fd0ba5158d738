import type { Article } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, signedInAs, startDesk } from './desk.js';

// The desk's home: the story list an editor filters by section, author, status, "mine" and
// words, pages through, and reads row by row.
let desk: RunningDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let council: Article;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  const { store } = desk;
  await store.sections.create({ slug: 'harbour', name: 'Harbour', description: null, order: 0 });
  await store.authors.create({ slug: 'lin-park', name: 'Lin Park', bio: null, avatar: null });
  await store.authors.create({ slug: 'max-roe', name: 'Max Roe', bio: null, avatar: null });
  const body = [{ type: 'paragraph' as const, text: 'Words.' }];
  const ferry = await store.articles.create({
    headline: 'Ferry timetable changes',
    body,
    sectionSlug: 'harbour',
    authorSlugs: ['lin-park'],
  });
  await store.articles.setStatus(ferry.id, ferry.version, 'published');
  const wall = await store.articles.create({
    headline: 'Harbour wall repaired',
    body,
    sectionSlug: 'harbour',
    authorSlugs: ['max-roe'],
  });
  await store.articles.setStatus(wall.id, wall.version, 'scheduled', {
    scheduledFor: '2031-07-01T08:30:00.000Z',
  });
  council = await store.articles.create({ headline: 'Council budget vote', body, authorSlugs: ['lin-park'] });
  for (let i = 1; i <= 32; i++) {
    await store.articles.create({ headline: `Lighthouse log ${i}`, body });
  }
  ({ context, page } = await signedInAs(browser, desk, {
    role: 'editor',
    name: 'Max Roe',
    email: 'max@example.com',
    authorSlug: 'max-roe',
  }));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await desk?.stop();
});

const headlines = () => page.locator('.story-list h3').allTextContents();
const row = (headline: string) => page.locator('.story-list li').filter({ hasText: headline });

async function show(choose: () => Promise<unknown>) {
  await page.goto(desk.deskUrl);
  await choose();
  await page.getByRole('button', { name: 'Show stories' }).click();
  await page.waitForURL(/\?/);
}

describe('the story list', () => {
  it('filters by section, author, status and "mine"', async () => {
    await show(() => page.getByLabel('Section').selectOption('harbour'));
    expect((await headlines()).sort()).toEqual(['Ferry timetable changes', 'Harbour wall repaired']);

    await show(() => page.getByLabel('Author').selectOption('lin-park'));
    expect((await headlines()).sort()).toEqual(['Council budget vote', 'Ferry timetable changes']);

    await show(() => page.getByLabel('Only my stories').check());
    expect(await headlines()).toEqual(['Harbour wall repaired']);

    await show(() => page.getByLabel('Scheduled').check());
    expect(await headlines()).toEqual(['Harbour wall repaired']);
    // The filters stay as chosen on the answer's page.
    await expect(page.getByLabel('Scheduled').isChecked()).resolves.toBe(true);
  });

  it('shows each row with its status, section, bylines, last change and when it publishes', async () => {
    await page.goto(`${desk.deskUrl}/stories/${council.id}`);
    await page.getByLabel('Standfirst').fill('The vote is on Thursday.');
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Saved/);
    await page.goto(desk.deskUrl);

    // Newest change first.
    expect((await headlines())[0]).toBe('Council budget vote');
    await expect(row('Council budget vote').textContent()).resolves.toMatch(
      /Draft[\s\S]*By Lin Park[\s\S]*Changed .* by Max Roe/,
    );
    await show(() => page.getByLabel('Section').selectOption('harbour'));
    await expect(row('Harbour wall repaired').textContent()).resolves.toMatch(
      /Scheduled[\s\S]*Harbour[\s\S]*By Max Roe[\s\S]*Publishes 1 Jul 2031, 09:30 Europe\/London \(1 Jul 2031, 08:30 UTC\)/,
    );
    await expect(row('Ferry timetable changes').textContent()).resolves.toMatch(
      /Published[\s\S]*Harbour[\s\S]*By Lin Park[\s\S]*Published \d+ \w+ \d{4}/,
    );
  });

  it('searches by words and pages on to older changes', async () => {
    await show(() => page.getByLabel('Words').fill('lighthouse'));
    const first = await headlines();
    expect(first).toHaveLength(30);
    await page.getByRole('link', { name: 'Older changes' }).click();
    await page.waitForURL(/cursor=/);
    const second = await headlines();
    expect(second).toHaveLength(2);
    expect(new Set([...first, ...second]).size).toBe(32);
    expect(second.every((headline) => headline.startsWith('Lighthouse log'))).toBe(true);
    await expect(page.getByRole('link', { name: 'Older changes' }).count()).resolves.toBe(0);
  });
});
