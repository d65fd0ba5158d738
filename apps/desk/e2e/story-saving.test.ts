import type { Article } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../../web/e2e/axe.js';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, startDesk } from './desk.js';

// Saving never loses text: two people editing one story, a connection that drops, a story
// deleted or a session ended while someone types, and input the API refuses.
let desk: RunningDesk;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'tangerine orbit fossil kettle';
let people = 0;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

async function editorPage(name: string): Promise<Page> {
  people += 1;
  const person = await desk.store.people.invite({
    email: `e${people}@example.com`,
    name,
    role: 'editor',
    authorSlug: null,
  });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: `Welcome, ${name}` }).waitFor();
  return page;
}

let stories = 0;
async function story(): Promise<Article> {
  stories += 1;
  return desk.store.articles.create({
    slug: `story-${stories}`,
    headline: `Story ${stories}`,
    body: [{ type: 'paragraph', text: 'The first paragraph.' }],
  });
}

async function open(page: Page, article: Article) {
  await page.goto(`${desk.deskUrl}/stories/${article.id}`);
  await page.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();
}

const status = (page: Page) => page.locator('#save-status').textContent();
const bodyText = (page: Page) => page.getByRole('textbox', { name: 'Body' });

describe('saving a story', () => {
  it('shows both versions when someone else saved first, and keeps mine only when told', async () => {
    const article = await story();
    const ana = await editorPage('Ana Ruiz');
    const ben = await editorPage('Ben Okafor');
    await open(ana, article);
    await open(ben, article);

    await ana.getByLabel('Headline').fill('Ana’s headline');
    await ana.keyboard.press('Control+s');
    await expect.poll(() => status(ana), { timeout: 15_000 }).toMatch(/^Saved/);

    await ben.getByLabel('Headline').fill('Ben’s headline');
    await ben.keyboard.press('Control+s');
    const conflict = ben.getByRole('region', { name: 'Someone else saved this story' });
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('Ana Ruiz saved version 2');
    await expect(conflict.textContent()).resolves.toContain('Ana’s headline');
    await expect(conflict.textContent()).resolves.toContain('Ben’s headline');
    // Nothing was overwritten while the screen waits for a choice.
    expect((await desk.store.articles.byId(article.id))?.headline).toBe('Ana’s headline');
    expect(await axeViolations(ben)).toEqual([]);

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => status(ben), { timeout: 15_000 }).toMatch(/^Saved/);
    const saved = await desk.store.articles.byId(article.id);
    expect(saved?.headline).toBe('Ben’s headline');
    expect(saved?.version).toBe(3);
  });

  it('takes the other version, or copies one field of it, when told', async () => {
    const article = await story();
    const ana = await editorPage('Ana Ruiz');
    const ben = await editorPage('Ben Okafor');
    await open(ana, article);
    await open(ben, article);
    await ana.getByLabel('Standfirst').fill('Ana’s standfirst');
    await ana.keyboard.press('Control+s');
    await expect.poll(() => status(ana), { timeout: 15_000 }).toMatch(/^Saved/);

    await ben.getByLabel('Headline').fill('Ben’s other headline');
    await ben.getByLabel('Standfirst').fill('Ben’s standfirst');
    await ben.keyboard.press('Control+s');
    const conflict = ben.getByRole('region', { name: 'Someone else saved this story' });
    await conflict.getByRole('button', { name: 'Copy their standfirst into yours' }).click();
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => status(ben), { timeout: 15_000 }).toMatch(/^Saved/);
    expect(await desk.store.articles.byId(article.id)).toMatchObject({
      headline: 'Ben’s other headline',
      standfirst: 'Ana’s standfirst',
    });
  });

  it('puts their version on screen, body too, and saves nothing, when I take theirs', async () => {
    const article = await story();
    const ana = await editorPage('Ana Ruiz');
    const ben = await editorPage('Ben Okafor');
    await open(ana, article);
    await open(ben, article);
    await ana.getByLabel('Headline').fill('Ana’s headline');
    await bodyText(ana).click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.type(' Ana added this.');
    await ana.keyboard.press('Control+s');
    await expect.poll(() => status(ana), { timeout: 15_000 }).toMatch(/^Saved/);

    await ben.getByLabel('Headline').fill('Ben’s headline');
    await ben.keyboard.press('Control+s');
    const conflict = ben.getByRole('region', { name: 'Someone else saved this story' });
    await conflict.getByRole('button', { name: 'Take theirs' }).click();
    await expect(conflict.isVisible()).resolves.toBe(false);
    await expect(ben.getByLabel('Headline').inputValue()).resolves.toBe('Ana’s headline');
    await expect(bodyText(ben).textContent()).resolves.toBe('The first paragraph. Ana added this.');
    await expect.poll(() => status(ben), { timeout: 15_000 }).toMatch(/^Saved/);
    expect((await desk.store.articles.byId(article.id))?.version).toBe(2);
  });

  it('goes on taking text while the connection is down, and saves it when it returns', async () => {
    const article = await story();
    const page = await editorPage('Cai Lin');
    await open(page, article);
    await page.context().setOffline(true);
    await bodyText(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Written while the connection was down.');
    await page.keyboard.press('Control+s');
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Not connected/);
    // The text waits in the browser: a reload while offline would still find it.
    const kept = await page.evaluate((id) => localStorage.getItem(`newsroom-desk:story:${id}`), article.id);
    expect(kept).toContain('Written while the connection was down.');

    await page.context().setOffline(false);
    await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/^Saved/);
    expect((await desk.store.articles.byId(article.id))?.body.at(-1)).toEqual({
      type: 'paragraph',
      text: 'Written while the connection was down.',
    });
  });

  it('offers back text the server never got, after the tab crashed', async () => {
    const article = await story();
    const page = await editorPage('Dee Park');
    await open(page, article);
    await page.context().setOffline(true);
    await page.getByLabel('Headline').fill('Typed before the tab closed');
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Unsaved|^Not connected/);
    // The browser holds the text a moment after the keystroke, without waiting for the page to
    // be left: a crash gives no warning.
    await expect
      .poll(() => page.evaluate((id) => localStorage.getItem(`newsroom-desk:story:${id}`), article.id))
      .toContain('Typed before the tab closed');
    // The tab crashes before the connection comes back: no page event runs, so no save ever
    // reaches the desk. (Closing the page instead would run its pagehide save, which Chromium
    // sends after the page is gone, past the offline emulation.)
    const context = page.context();
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    // The command itself never answers: the renderer that would answer it is gone.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${desk.deskUrl}/stories/${article.id}`);
    await expect(again.getByLabel('Headline').inputValue()).resolves.toBe(article.headline);
    const offer = again.getByRole('alert').filter({ hasText: 'kept changes to this story' });
    await offer.waitFor();
    expect(await axeViolations(again)).toEqual([]);
    await offer.getByRole('button', { name: 'Restore my changes' }).click();
    await expect(again.getByLabel('Headline').inputValue()).resolves.toBe('Typed before the tab closed');
    await expect.poll(() => status(again), { timeout: 15_000 }).toMatch(/^Saved/);
    expect((await desk.store.articles.byId(article.id))?.headline).toBe('Typed before the tab closed');
  });

  it('saves every field by itself a few seconds after typing stops, with the slug following the headline', async () => {
    await desk.store.authors.create({ slug: 'ana-ruiz', name: 'Ana Ruiz', bio: null, avatar: null });
    await desk.store.authors.create({ slug: 'ben-okafor', name: 'Ben Okafor', bio: null, avatar: null });
    const article = await desk.store.articles.create({
      headline: 'Untitled',
      body: [{ type: 'paragraph', text: 'The first paragraph.' }],
    });
    const page = await editorPage('Fay Moor');
    await open(page, article);

    await page.getByLabel('Headline').fill('Harbour ferries return');
    await expect(page.getByLabel('Address (slug)').inputValue()).resolves.toBe('harbour-ferries-return');
    await page.getByLabel('Standfirst').fill('The crossings run again after three weeks.');
    await page.getByLabel('Dateline').fill('PORTHAVEN');
    await page.getByLabel('Language').fill('en-GB');
    await page.locator('#hero-src').fill('https://images.example/ferry.jpg');
    await page.locator('#hero-alt').fill('A ferry leaving the harbour');
    await page.locator('#hero-caption').fill('The first crossing');
    await page.locator('#hero-credit').fill('AP');
    await page.getByLabel('Width (px)').fill('1200');
    await page.getByLabel('Height (px)').fill('800');
    await page.getByLabel('SEO title').fill('Ferries return to Porthaven');
    await page.getByLabel('SEO description').fill('Crossings resume after the storm.');
    await page.getByLabel('Add a byline').selectOption('ben-okafor');
    await page.getByRole('button', { name: 'Add byline' }).click();
    await page.getByLabel('Add a byline').selectOption('ana-ruiz');
    await page.getByRole('button', { name: 'Add byline' }).click();
    await page.getByRole('button', { name: 'Move Ana Ruiz up' }).click();
    await bodyText(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Two boats sail at nine.');

    // No key pressed to save: the desk saves on its own once typing stops.
    await expect
      .poll(async () => (await desk.store.articles.byId(article.id))?.body, { timeout: 20_000 })
      .toEqual([{ type: 'paragraph', text: 'The first paragraph. Two boats sail at nine.' }]);
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Saved/);
    const saved = await desk.store.articles.byId(article.id);
    expect(saved).toMatchObject({
      headline: 'Harbour ferries return',
      slug: 'harbour-ferries-return',
      standfirst: 'The crossings run again after three weeks.',
      dateline: 'PORTHAVEN',
      language: 'en-GB',
      heroImage: {
        src: 'https://images.example/ferry.jpg',
        alt: 'A ferry leaving the harbour',
        caption: 'The first crossing',
        credit: 'AP',
        width: 1200,
        height: 800,
      },
      seoTitle: 'Ferries return to Porthaven',
      seoDescription: 'Crossings resume after the storm.',
    });
    expect(saved?.authors.map((author) => author.slug)).toEqual(['ana-ruiz', 'ben-okafor']);
    // The count the reader site shows comes from the API: the desk shows the same.
    await expect(page.locator('#word-count').textContent()).resolves.toBe(
      `${saved?.wordCount} words · ${saved?.readingTimeMinutes} min read`,
    );
  });

  it('saves what was typed before the page’s script ran', async () => {
    const article = await story();
    const page = await editorPage('Dara Quinn');
    // Scripts are held back, as on a slow connection, while the form is already on screen.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/_astro\/.*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${desk.deskUrl}/stories/${article.id}`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();
    await page.getByLabel('Standfirst').fill('Typed before the script ran');
    release();

    await expect
      .poll(async () => (await desk.store.articles.byId(article.id))?.standfirst, { timeout: 15_000 })
      .toBe('Typed before the script ran');
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Saved/);
  });

  it('keeps the text on screen with a clear message for refused input, a deleted section, tag or story and an ended session', async () => {
    const article = await story();
    const page = await editorPage('Eli Moss');
    await open(page, article);
    await page.getByLabel('Headline').fill('x'.repeat(200));
    await page.getByLabel('Headline').evaluate((input: HTMLInputElement) => {
      input.maxLength = 1_000;
    });
    await page.getByLabel('Headline').fill('y'.repeat(250));
    await page.keyboard.press('Control+s');
    const error = page.locator('#save-error');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toMatch(/Headline: .*200/);
    await expect(page.getByLabel('Headline').inputValue()).resolves.toBe('y'.repeat(250));

    const taken = await story();
    await page.getByLabel('Headline').fill('A fine headline');
    await page.getByLabel('Address (slug)').fill(taken.slug);
    await page.keyboard.press('Control+s');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toMatch(/already used/);
    await expect(
      page.getByRole('region', { name: 'Someone else saved this story' }).isVisible(),
    ).resolves.toBe(false);

    await page.getByLabel('Address (slug)').fill('a-fine-headline');
    await page.keyboard.press('Control+s');
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Saved/);

    const current = await desk.store.articles.byId(article.id);
    await desk.store.articles.delete(article.id, current?.version ?? 0);
    await page.getByLabel('Standfirst').fill('Typed after the story was deleted');
    await page.keyboard.press('Control+s');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toMatch(/no longer exists/);
    await expect(page.getByLabel('Standfirst').inputValue()).resolves.toBe(
      'Typed after the story was deleted',
    );

    // A section and a tag deleted by someone else after the page listed them, then chosen.
    await desk.store.sections.create({ slug: 'harbour', name: 'Harbour', description: '', order: 0 });
    await desk.store.tags.create({ slug: 'ferries', name: 'Ferries', description: '', type: 'topic' });
    const untagged = await story();
    await open(page, untagged);
    await desk.store.sections.delete('harbour');
    await desk.store.tags.delete('ferries');
    await page.getByLabel('Section').selectOption('harbour');
    await page.getByLabel('Add a tag').fill('Ferries');
    await page.getByRole('button', { name: 'Add tag', exact: true }).click();
    await bodyText(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed after the section went.');
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => error.textContent(), { timeout: 15_000 })
      .toMatch(/unknown section "harbour"; unknown tag "ferries", deleted or renamed/);
    await expect(bodyText(page).textContent()).resolves.toContain('Typed after the section went.');
    await page.getByLabel('Section').selectOption('');
    await page.getByRole('button', { name: 'Remove tag Ferries' }).click();
    // Cmd-S, as on a Mac: the desk takes the key (the browser's "Save page" never opens).
    await page.evaluate(() => {
      window.addEventListener('keydown', (event) => {
        if (event.key === 's') (window as unknown as { taken: boolean }).taken = event.defaultPrevented;
      });
    });
    await page.keyboard.press('Meta+s');
    await expect(page.evaluate(() => (window as unknown as { taken?: boolean }).taken)).resolves.toBe(true);
    await expect.poll(() => status(page), { timeout: 15_000 }).toMatch(/^Saved/);
    expect((await desk.store.articles.byId(untagged.id))?.body[0]).toEqual({
      type: 'paragraph',
      text: 'The first paragraph. Typed after the section went.',
    });

    const other = await story();
    await open(page, other);
    const me = (await desk.store.people.list({ limit: 100 })).items.find((p) => p.name === 'Eli Moss');
    await desk.store.sessions.endAll(me?.id ?? '');
    await page.getByLabel('Headline').fill('Typed after the session ended');
    await page.keyboard.press('Control+s');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toMatch(/session has ended/);
    await expect(page.getByLabel('Headline').inputValue()).resolves.toBe('Typed after the session ended');
    const kept = await page.evaluate((id) => localStorage.getItem(`newsroom-desk:story:${id}`), other.id);
    expect(kept).toContain('Typed after the session ended');
  });
});
