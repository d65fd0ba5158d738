import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { accessibilityProblems, type RunningDesk, signedInAs, startDesk } from './desk.js';

// Editors keep the newsroom's sections, tags and authors on /sections, /tags and /authors, in
// Chromium, against the built desk and API.
let desk: RunningDesk;
let browser: Browser;
let editorContext: BrowserContext;
let editor: Page;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  const store = desk.store;
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
  await store.sections.upsert({ slug: 'europe', name: 'Europe', description: null, order: 1 });
  await store.tags.upsert({ slug: 'climate', name: 'Climate', description: null, type: 'topic' });
  await store.tags.upsert({ slug: 'warming', name: 'Warming', description: null, type: 'topic' });
  await store.authors.upsert({ slug: 'ana', name: 'Ana Reporter', bio: null, avatar: null });
  await store.authors.upsert({ slug: 'ana-r', name: 'A. Reporter', bio: null, avatar: null });
  const draft = await store.articles.create({
    headline: 'Sea walls rise',
    slug: 'sea-walls-rise',
    body: [{ type: 'paragraph', text: 'Words.' }],
    sectionSlug: 'europe',
    tagSlugs: ['warming'],
    authorSlugs: ['ana-r'],
  });
  await store.articles.setStatus(draft.id, draft.version, 'published');
  ({ context: editorContext, page: editor } = await signedInAs(browser, desk, {
    role: 'editor',
    name: 'Ed Editor',
    email: 'ed@example.com',
  }));
});
afterAll(async () => {
  await editorContext?.close();
  await browser?.close();
  await desk?.stop();
});

const story = () => desk.store.articles.bySlug('sea-walls-rise');
const status = () => editor.getByRole('status').textContent();

describe('Tags', () => {
  it('creates a tag with a slug made from its name, and refuses a slug in use next to the field', async () => {
    await editor.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Tags' }).click();
    await editor.getByRole('heading', { level: 1, name: 'Tags' }).waitFor();
    const create = editor.locator('#create');
    await create.getByLabel('Name').fill('Harbour Lights');
    await create.getByLabel('Kind').selectOption('place');
    await create.getByRole('button', { name: 'Create tag' }).click();
    await expect(status()).resolves.toBe('The tag “harbour-lights” is created.');
    await expect(desk.store.tags.bySlug('harbour-lights')).resolves.toMatchObject({
      type: 'place',
      articleCount: 0,
    });

    await editor.locator('#create').getByLabel('Name').fill('Climate again');
    await editor.locator('#create').getByLabel('Slug').fill('climate');
    await editor.locator('#create').getByRole('button', { name: 'Create tag' }).click();
    await expect(editor.locator('#create-slug-error').textContent()).resolves.toBe(
      'another one has this slug',
    );
    await expect(editor.locator('#create').getByLabel('Name').inputValue()).resolves.toBe('Climate again');
  });

  it('merges a tag into another, renames one (the old slug redirecting) and deletes one only when confirmed', async () => {
    await editor.goto(`${desk.deskUrl}/tags`);
    await editor.getByRole('link', { name: 'Edit Warming' }).click();
    await editor.getByRole('heading', { level: 2, name: 'Edit “Warming”' }).waitFor();
    expect(await accessibilityProblems(editor)).toEqual([]);
    await editor.getByLabel('Merge “Warming” into').selectOption('climate');
    await editor.getByRole('button', { name: 'Merge' }).click();
    await expect(status()).resolves.toBe(
      '“warming” is merged into “climate”: its stories moved over, and its old links lead there.',
    );
    expect((await story())?.tags.map((t) => t.slug)).toEqual(['climate']);

    await editor.getByRole('link', { name: 'Edit Climate' }).click();
    await editor.locator('#edit').getByLabel('Slug').fill('climate-crisis');
    await editor.locator('#edit').getByLabel('Name').fill('Climate crisis');
    await editor.locator('#edit').getByRole('button', { name: 'Save' }).click();
    await expect(status()).resolves.toBe('Saved. Links to the old slug “climate” lead here now.');
    await expect(desk.store.redirects.lookup('tag', 'climate')).resolves.toBe('climate-crisis');
    await expect(desk.store.redirects.lookup('tag', 'warming')).resolves.toBe('climate-crisis');

    await editor.goto(`${desk.deskUrl}/tags?edit=harbour-lights`);
    await editor.getByRole('button', { name: 'Delete “Harbour Lights”' }).click();
    await expect(editor.getByRole('alert').first().textContent()).resolves.toBe(
      'Tick the box to confirm, then delete.',
    );
    await expect(desk.store.tags.bySlug('harbour-lights')).resolves.not.toBeNull();
    await editor.getByLabel('Yes, delete “Harbour Lights” and take it off every story').check();
    await editor.getByRole('button', { name: 'Delete “Harbour Lights”' }).click();
    await expect(status()).resolves.toBe('The tag “harbour-lights” is deleted and taken off every story.');
    await expect(desk.store.tags.bySlug('harbour-lights')).resolves.toBeNull();
    // Its edit address now says why there is no form, answered 404.
    const gone = await editor.goto(`${desk.deskUrl}/tags?edit=harbour-lights`);
    expect(gone?.status()).toBe(404);
  });
});

describe('Authors and sections', () => {
  it('keeps an author’s bio and picture address, refusing an address that is not a web or site one', async () => {
    await editor.goto(`${desk.deskUrl}/authors?edit=ana`);
    const edit = editor.locator('#edit');
    await edit.getByLabel('Bio').fill('Covers the coast.');
    await edit.getByLabel('Picture address').fill('javascript:alert(1)');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(editor.locator('#edit-avatar-error').textContent()).resolves.toBe(
      'must be an http(s) URL or a path starting with /',
    );
    await expect(edit.getByLabel('Bio').inputValue()).resolves.toBe('Covers the coast.');
    await edit.getByLabel('Picture address').fill('/media/ana.jpg');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(status()).resolves.toBe('Saved.');
    await expect(desk.store.authors.bySlug('ana')).resolves.toMatchObject({
      bio: 'Covers the coast.',
      avatar: '/media/ana.jpg',
    });
  });

  it('merges an author and a section into others, moving the story’s byline and section', async () => {
    await editor.goto(`${desk.deskUrl}/authors?edit=ana-r`);
    await editor.getByLabel('Merge “A. Reporter” into').selectOption('ana');
    await editor.getByRole('button', { name: 'Merge' }).click();
    await expect(status()).resolves.toMatch(/^“ana-r” is merged into “ana”/);

    await editor.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Sections' }).click();
    await expect(editor.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      'World\nworld\t0\tEdit',
      'Europe\neurope\t1\tEdit',
    ]);
    await editor.getByRole('link', { name: 'Edit Europe' }).click();
    await editor.getByLabel('Merge “Europe” into').selectOption('world');
    await editor.getByRole('button', { name: 'Merge' }).click();
    await expect(status()).resolves.toMatch(/^“europe” is merged into “world”/);
    expect(await story()).toMatchObject({ section: { slug: 'world' }, authors: [{ slug: 'ana' }] });
    await expect(desk.store.redirects.lookup('author', 'ana-r')).resolves.toBe('ana');
    await expect(desk.store.redirects.lookup('section', 'europe')).resolves.toBe('world');
  });

  it('creates, renames (the old slug redirecting) and deletes a section and an author', async () => {
    for (const [room, one, name] of [
      ['sections', 'section', 'Harbour'],
      ['authors', 'author', 'Lin Park'],
    ] as const) {
      const slug = name.toLowerCase().replace(' ', '-');
      await editor.goto(`${desk.deskUrl}/${room}`);
      await editor.locator('#create').getByLabel('Name').fill(name);
      await editor
        .locator('#create')
        .getByRole('button', { name: `Create ${one}` })
        .click();
      await expect(status()).resolves.toBe(`The ${one} “${slug}” is created.`);

      await editor.goto(`${desk.deskUrl}/${room}?edit=${slug}`);
      await editor.locator('#edit').getByLabel('Slug').fill(`${slug}-desk`);
      await editor.locator('#edit').getByRole('button', { name: 'Save' }).click();
      await expect(status()).resolves.toBe(`Saved. Links to the old slug “${slug}” lead here now.`);
      await expect(desk.store.redirects.lookup(one, slug)).resolves.toBe(`${slug}-desk`);

      await editor.getByLabel(new RegExp(`^Yes, delete “${name}”`)).check();
      await editor.getByRole('button', { name: `Delete “${name}”` }).click();
      await expect(status()).resolves.toBe(`The ${one} “${slug}-desk” is deleted and taken off every story.`);
      const repository = one === 'section' ? desk.store.sections : desk.store.authors;
      await expect(repository.bySlug(`${slug}-desk`)).resolves.toBeNull();
    }
  });

  it('is for editors and admins: an author gets 403 on all three, and no links to them', async () => {
    const { context, page } = await signedInAs(browser, desk, {
      role: 'author',
      name: 'Al Author',
      email: 'al@example.com',
    });
    try {
      await expect(
        page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Tags' }).count(),
      ).resolves.toBe(0);
      for (const [path, words] of [
        ['/tags', 'tags'],
        ['/sections', 'sections'],
        ['/authors', 'authors'],
      ]) {
        const answer = await page.goto(`${desk.deskUrl}${path}`);
        expect(answer?.status()).toBe(403);
        await expect(page.getByRole('alert').textContent()).resolves.toBe(
          `Only editors and admins manage ${words}. Ask an admin of your newsroom.`,
        );
        await expect(page.getByRole('button').count()).resolves.toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
