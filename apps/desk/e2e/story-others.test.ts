import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, signedInAs, startDesk } from './desk.js';

// An editor with a story open hears, as it happens, that someone else saved or published it
// (the API's events, through the desk's /stories/<id>/events); their own saves are not news.
let desk: RunningDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  ({ context, page } = await signedInAs(browser, desk, {
    role: 'editor',
    name: 'Ed Itor',
    email: 'ed@example.com',
  }));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await desk?.stop();
});

describe('a story open in the desk', () => {
  it('says when someone else saves or publishes it, and not when I save it', async () => {
    const story = await desk.store.articles.create({
      slug: 'harbour-walls',
      headline: 'Harbour walls',
      body: [{ type: 'paragraph', text: 'The council met on Monday.' }],
    });
    await page.goto(`${desk.deskUrl}/stories/${story.id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();
    const notice = page.locator('#others-notice');
    // Every text the notice takes, to show later that it never spoke of my own save.
    await page.evaluate(() => {
      const told: string[] = [];
      (window as unknown as { told: string[] }).told = told;
      const element = document.getElementById('others-notice') as HTMLElement;
      new MutationObserver(() => told.push(element.textContent ?? '')).observe(element, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });

    // My own save, through the page.
    await page.getByLabel('Headline').fill('Harbour walls rise');
    await page.locator('#save-button').click();
    await page.locator('#save-status', { hasText: /^Saved at/ }).waitFor();

    const bo = await desk.store.people.invite({
      email: 'bo@example.com',
      name: 'Bo Editor',
      role: 'editor',
      authorSlug: null,
    });
    const actor = { tokenId: null, personId: bo.id, name: 'Bo Editor' };
    const current = await desk.store.articles.byId(story.id);
    const saved = await desk.store.articles.update(
      { id: story.id, version: current?.version ?? 0, standfirst: 'Higher walls.' },
      { actor },
    );
    await notice.filter({ hasText: /^Bo Editor saved this story at \d/ }).waitFor();
    await desk.store.articles.setStatus(story.id, saved.version, 'published', { actor });
    await notice.filter({ hasText: /^Bo Editor published this story at \d/ }).waitFor();
    // Events come in order: by Bo's, my own save's had come, and told nothing.
    const told = await page.evaluate(() => (window as unknown as { told: string[] }).told);
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.every((text) => text.startsWith('Bo Editor'))).toBe(true);
  });

  it('brings a story someone else writes into the story list, without reloading the page', async () => {
    await page.goto(`${desk.deskUrl}/`);
    await page.locator('.story-list').waitFor();
    await page.evaluate(() => {
      (window as unknown as { sameLoad: boolean }).sameLoad = true;
    });
    await page.locator('#list-status', { hasText: 'This list updates as stories change.' }).waitFor();
    await desk.store.articles.create(
      { headline: 'Ferry timetable changes', body: [{ type: 'paragraph', text: 'From Monday.' }] },
      { actor: { tokenId: null, name: 'Bo Editor' } },
    );
    await page.locator('.story-list h3', { hasText: 'Ferry timetable changes' }).waitFor();
    await page.locator('#list-status', { hasText: /^Brought up to date at \d/ }).waitFor();
    await expect(page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).resolves.toBe(
      true,
    );
  });
});
