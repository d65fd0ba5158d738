import type { Role } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, startDesk } from './desk.js';

// A story's whole life in Chromium, against the built API, desk and reader site over a fresh
// SQLite file: an author writes it with every kind of block and submits it; an editor previews
// it, shares a preview, publishes it, corrects it and brings back an earlier version.
let desk: RunningDesk;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'tangerine orbit fossil kettle';

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk({ site: true });
  await desk.store.sections.create({ slug: 'world', name: 'World', description: null, order: 0 });
  await desk.store.authors.create({ slug: 'ana-ruiz', name: 'Ana Ruiz', bio: null, avatar: null });
  await desk.store.tags.create({ slug: 'floods', name: 'Floods', description: null, type: 'topic' });
  const earlier = await desk.store.articles.create({
    slug: 'river-rises-overnight',
    headline: 'River rises overnight',
    body: [{ type: 'paragraph', text: 'The river rose two metres.' }],
  });
  await desk.store.articles.setStatus(earlier.id, earlier.version, 'published');
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

/** Someone invited with `role` (and a byline), signed in through their invitation. */
async function signedIn(
  role: Role,
  name: string,
  email: string,
  authorSlug: string | null = null,
): Promise<Page> {
  const person = await desk.store.people.invite({ email, name, role, authorSlug });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  const page = await newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: `Welcome, ${name}` }).waitFor();
  return page;
}

const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });
const tool = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Body formatting' }).getByRole('button', { name, exact: true });

/**
 * Types into the body and waits until the editor's document holds the words: ProseMirror reads
 * typed text from the page a moment later, and a toolbar button pressed before that would act
 * on a document without them.
 */
async function typeInBody(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.waitForFunction((words) => {
    const dom = document.getElementById('body-text') as
      | (HTMLElement & { editor?: { state: { doc: { textContent: string } } } })
      | null;
    return dom?.editor?.state.doc.textContent.includes(words) ?? false;
  }, text.trim());
}

/**
 * Waits until the body shows what a dialog put in, with the text focused again: keys pressed
 * before the dialog's close has run would act on the selection the dialog was opened with.
 */
async function inBody(page: Page, selector: string) {
  await page.locator(`#body-text ${selector}`).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'body-text');
}

async function saved(page: Page) {
  await expect.poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 }).toMatch(/^Saved/);
}

describe("a story's life", () => {
  it('is written, submitted, previewed, shared, published, corrected and restored', async () => {
    const author = await signedIn('author', 'Ana Ruiz', 'ana@example.com', 'ana-ruiz');
    await author.getByRole('link', { name: 'New story' }).click();
    await author.getByLabel('Headline').fill('Floods close the coast road');
    await author.getByLabel('Section').selectOption('world');
    await author.getByRole('button', { name: 'Create story' }).click();
    await author.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();
    const storyUrl = author.url();
    const id = storyUrl.split('/').at(-1) ?? '';

    await author.getByLabel('Standfirst').fill('Rescuers worked through the night as the water rose.');
    const text = body(author);
    await text.click();
    await typeInBody(author, 'The coast road closed at dawn, ');
    await author.keyboard.press('Control+b');
    await typeInBody(author, 'police said');
    await author.keyboard.press('Control+b');
    await typeInBody(author, '. ');
    await author.keyboard.press('Control+i');
    await typeInBody(author, 'More rain');
    await author.keyboard.press('Control+i');
    await typeInBody(author, ' is due.');
    await author.keyboard.press('Enter');
    await typeInBody(author, 'What comes next');
    await tool(author, 'Subheading').click();
    await author.keyboard.press('End');
    await author.keyboard.press('Enter');
    await typeInBody(author, 'We will rebuild');
    await tool(author, 'Quote').click();
    await author.keyboard.press('Enter');
    await typeInBody(author, 'The mayor');
    await author.keyboard.press('Enter');
    await tool(author, 'Bulleted list').click();
    await typeInBody(author, 'Roads');
    await author.keyboard.press('Enter');
    await typeInBody(author, 'Rail');
    await author.keyboard.press('Enter');
    await author.keyboard.press('Enter');
    await tool(author, 'Numbered list').click();
    await typeInBody(author, 'Stay home');
    await author.keyboard.press('Enter');
    await author.keyboard.press('Enter');
    await typeInBody(author, 'Read the agency');
    await author.keyboard.press('Shift+Home');
    await tool(author, 'Link').click();
    await author.getByRole('dialog').getByLabel('Link address').fill('https://agency.example/floods');
    await author.getByRole('button', { name: 'Apply' }).click();
    await inBody(author, 'a[href="https://agency.example/floods"]');
    await author.keyboard.press('End');
    await author.keyboard.press('Enter');
    await tool(author, 'Picture').click();
    await author.getByRole('dialog').getByLabel('Picture address').fill('https://images.example/road.jpg');
    await author.getByRole('dialog').getByLabel('Alt text').fill('Water over the coast road');
    await author.getByRole('dialog').getByLabel('Caption').fill('The road at dawn');
    await author.getByRole('dialog').getByLabel('Credit').fill('AP');
    await author.getByRole('button', { name: 'Insert' }).click();
    await inBody(author, 'img[src="https://images.example/road.jpg"]');
    await tool(author, 'See also').click();
    await author.getByRole('dialog').getByLabel('Find a published story').fill('river');
    await author.getByRole('radio', { name: 'River rises overnight' }).check();
    await author.getByRole('button', { name: 'Insert' }).click();
    await inBody(author, 'aside[data-block="see-also"]');

    await author.getByLabel('Add a tag').fill('Floods');
    await author.getByRole('button', { name: 'Add tag' }).click();
    await author.getByRole('button', { name: 'Add a source' }).click();
    await author.locator('#source-list input.source-name').fill('AP');
    await author.keyboard.press('Control+s');
    await saved(author);

    // Reloaded, the page shows what was saved; the Store holds every kind of block.
    await author.reload();
    await expect(body(author).textContent()).resolves.toContain('The coast road closed at dawn');
    const stored = await desk.store.articles.byId(id);
    expect(stored?.body.map((block) => block.type)).toEqual([
      'paragraph',
      'heading',
      'quote',
      'list',
      'list',
      'paragraph',
      'image',
      'see-also',
    ]);
    expect(stored?.body[0]).toEqual({
      type: 'paragraph',
      text: 'The coast road closed at dawn, **police said**. *More rain* is due.',
    });
    expect(stored?.body[2]).toEqual({ type: 'quote', text: 'We will rebuild', attribution: 'The mayor' });
    expect(stored?.body[5]).toEqual({
      type: 'paragraph',
      text: '[Read the agency](https://agency.example/floods)',
    });
    expect(stored?.body[7]).toEqual({
      type: 'see-also',
      slug: 'river-rises-overnight',
      headline: 'River rises overnight',
    });
    expect(stored?.tags.map((t) => t.name)).toEqual(['Floods']);
    expect(stored?.sources.map((s) => s.name)).toEqual(['AP']);

    await author.getByRole('button', { name: 'Submit for review' }).click();
    await expect
      .poll(() => author.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toBe('Sent to the editors for review.');

    // The editor finds it among the stories in review.
    const editor = await signedIn('editor', 'Eve Editor', 'eve@example.com');
    await editor.getByLabel('In review').check();
    await editor.getByRole('button', { name: 'Show stories' }).click();
    await editor.getByRole('link', { name: 'Floods close the coast road' }).click();
    await editor.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();

    const [preview] = await Promise.all([
      editor.context().waitForEvent('page'),
      editor.getByRole('button', { name: 'Preview' }).click(),
    ]);
    await preview.waitForLoadState();
    expect(preview.url()).toMatch(new RegExp(`^${desk.siteUrl}/preview/`));
    await expect(preview.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Floods close the coast road',
    );

    await editor.getByRole('link', { name: 'Share preview' }).click();
    await editor.getByLabel('Days the link works').selectOption('14');
    await editor.getByRole('button', { name: 'Share preview' }).click();
    const link = (await editor.locator('#share-link code').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${desk.siteUrl}/preview/`));
    const outsider = await newPage();
    const answer = await outsider.goto(link);
    expect(answer?.headers()['x-robots-tag']).toContain('noindex');
    await expect(outsider.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Floods close the coast road',
    );
    const [share] = await desk.store.previews.list(id);
    expect(Date.parse(share?.expiresAt ?? '') - Date.parse(share?.createdAt ?? '')).toBe(14 * 86_400_000);
    // A second link, then the first revoked: it stops at once, the other goes on working.
    await editor.getByRole('button', { name: 'Share preview' }).click();
    const second = (await editor.locator('#share-link code').textContent()) ?? '';
    await editor.goto(`${storyUrl}/share`);
    await editor
      .getByRole('button', { name: /^Revoke/ })
      .last()
      .click();
    await editor.waitForURL(/done=revoked/);
    expect((await outsider.goto(link))?.status()).toBe(404);
    expect((await outsider.goto(second))?.status()).toBe(200);

    // Editors may make a tag as they go, with its type.
    await editor.goto(storyUrl);
    await editor.getByLabel('Add a tag').fill('Coast road');
    await editor.getByLabel('Type of a new tag').selectOption('place');
    await editor.getByRole('button', { name: 'Add tag' }).click();
    await editor.getByRole('button', { name: 'Remove tag Coast road' }).waitFor();
    await editor.keyboard.press('Control+s');
    await saved(editor);
    expect(await desk.store.tags.bySlug('coast-road')).toMatchObject({ name: 'Coast road', type: 'place' });
    expect((await desk.store.articles.byId(id))?.tags.map((t) => t.slug)).toEqual(['floods', 'coast-road']);

    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect
      .poll(() => editor.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toBe('Published: readers can see it now.')
      // Should it not publish, say what the page showed instead (a warning, a refusal).
      .catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nThe page showed: ${(await editor.locator('main').innerText()).slice(0, 2_000)}`,
        );
      });
    const reader = await newPage();
    await reader.goto(`${desk.siteUrl}/articles/floods-close-the-coast-road`);
    await expect(reader.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Floods close the coast road',
    );

    await editor.getByLabel('Correction').fill('An earlier version misnamed the road.');
    await editor.getByRole('button', { name: 'Add correction' }).click();
    await expect
      .poll(() => editor.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toBe('The correction is published with the story.');

    // The first version had no standfirst: restoring it takes the standfirst away again.
    const first = editor.getByRole('listitem').filter({ hasText: /^Version 1:/ });
    await first.getByRole('button', { name: /Restore this version/ }).click();
    await expect
      .poll(() => editor.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toBe('That version is back, saved as the newest one.');
    await expect(editor.getByLabel('Standfirst').inputValue()).resolves.toBe('');
    const restored = await desk.store.articles.byId(id);
    expect(restored?.corrections).toHaveLength(1);
    expect(restored?.status).toBe('published');

    // A published story's new address: the old one sends readers on to it.
    await editor.getByLabel('Address (slug)').fill('coast-road-floods');
    await editor.keyboard.press('Control+s');
    await saved(editor);
    const moved = await reader.goto(`${desk.siteUrl}/articles/${restored?.slug}`);
    expect(moved?.url()).toBe(`${desk.siteUrl}/articles/coast-road-floods`);
    await expect(reader.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Floods close the coast road',
    );
  });
});
