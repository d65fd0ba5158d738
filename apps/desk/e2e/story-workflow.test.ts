import type { Article } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../../web/e2e/axe.js';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, signedInAs, startDesk } from './desk.js';

// An editor's choices on a story's page: warnings before publishing, scheduling in the
// newsroom's time zone, unpublishing and archiving, and comparing two versions word by word.
let desk: RunningDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const password = 'tangerine orbit fossil kettle';

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  const person = await desk.store.people.invite({
    email: 'ed@example.com',
    name: 'Ed Itor',
    role: 'editor',
    authorSlug: null,
  });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Ed Itor' }).waitFor();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await desk?.stop();
});

let stories = 0;
async function openStory(
  extra: Partial<Parameters<RunningDesk['store']['articles']['create']>[0]> = {},
): Promise<Article> {
  stories += 1;
  const article = await desk.store.articles.create({
    slug: `workflow-${stories}`,
    headline: `Workflow ${stories}`,
    body: [{ type: 'paragraph', text: 'The council met on Monday.' }],
    ...extra,
  });
  await page.goto(`${desk.deskUrl}/stories/${article.id}`);
  await page.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();
  return article;
}
const notice = () => page.getByRole('status').first().textContent();

describe('an editor on a story', () => {
  it('is warned before publishing what readers would miss, and may publish anyway', async () => {
    const article = await openStory({
      body: [
        { type: 'paragraph', text: 'Text.' },
        {
          type: 'image',
          src: 'https://images.example/a.jpg',
          alt: '',
          caption: 'The bridge',
          credit: null,
          width: 800,
          height: 600,
        },
        { type: 'see-also', slug: 'no-such-story', headline: 'A story we never had' },
      ],
    });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const warnings = page.locator('#publish-warnings');
    await expect(warnings.textContent()).resolves.toContain('It has no section.');
    await expect(warnings.textContent()).resolves.toContain('It has no standfirst.');
    await expect(warnings.textContent()).resolves.toContain(
      'The picture in block 2 (“The bridge”) has no alt text.',
    );
    await expect(warnings.textContent()).resolves.toContain(
      '“See also: A story we never had” points to no published story.',
    );
    expect((await desk.store.articles.byId(article.id))?.status).toBe('draft');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Publish anyway' }).click();
    await expect.poll(notice, { timeout: 15_000 }).toBe('Published: readers can see it now.');
    expect((await desk.store.articles.byId(article.id))?.status).toBe('published');

    await page.getByRole('button', { name: 'Unpublish' }).click();
    await expect.poll(notice, { timeout: 15_000 }).toMatch(/^Unpublished/);
    await page.getByRole('button', { name: 'Archive' }).click();
    await expect.poll(notice, { timeout: 15_000 }).toBe('Archived.');
    expect((await desk.store.articles.byId(article.id))?.status).toBe('archived');
  });

  it("schedules in the newsroom's time zone and shows the UTC moment", async () => {
    const article = await openStory();
    await page.getByLabel('Publish at (Europe/London time)').fill('2031-07-01T09:30');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await expect.poll(notice, { timeout: 15_000 }).toBe('Scheduled.');
    const scheduled = await desk.store.articles.byId(article.id);
    expect(scheduled?.scheduledFor).toBe('2031-07-01T08:30:00.000Z');
    await expect(page.locator('.page-head').textContent()).resolves.toContain(
      'Publishes 1 Jul 2031, 09:30 Europe/London (1 Jul 2031, 08:30 UTC)',
    );

    await page.getByLabel('Publish at (Europe/London time)').fill('2031-03-30T01:30');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('exists in Europe/London');
  });

  it('lists every version with who and when, twenty at a time', async () => {
    let article = await openStory();
    for (let i = 1; i <= 21; i++) {
      article = await desk.store.articles.update({
        id: article.id,
        version: article.version,
        standfirst: `Change ${i}`,
      });
    }
    await page.reload();
    const versions = () => page.locator('.revision-list li').allTextContents();
    const newest = await versions();
    expect(newest).toHaveLength(20);
    expect(newest[0]).toMatch(/^Version 22: Saved by .+, \d+ \w+ \d{4}, \d\d:\d\d UTC/);
    await page.getByRole('link', { name: 'Older versions' }).click();
    const older = await versions();
    expect(older.map((text) => text.match(/^Version (\d+):/)?.[1])).toEqual(['2', '1']);
    expect(older[1]).toMatch(/^Version 1: Created by /);
    await page.getByRole('link', { name: 'Newest versions' }).click();
    expect(await versions()).toEqual(newest);
    // An address with a cursor that is not one still shows the story and its newest versions.
    await page.goto(`${desk.deskUrl}/stories/${article.id}?versions=nonsense`);
    expect((await versions())[0]).toMatch(/^Version 22:/);
  });

  it('compares two versions word by word', async () => {
    await openStory();
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('The council met on Tuesday.');
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Saved/);
    await page.reload();
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare versions' }).waitFor();
    await expect(page.locator('del').filter({ hasText: 'Monday' }).count()).resolves.toBe(1);
    await expect(page.locator('ins').filter({ hasText: 'Tuesday' }).count()).resolves.toBe(1);
  });
});

describe('a contributor on their own draft', () => {
  it('is offered only what the API lets a contributor do', async () => {
    await desk.store.authors.create({ slug: 'cora-lane', name: 'Cora Lane', bio: null, avatar: null });
    const article = await desk.store.articles.create({
      slug: 'contributed',
      headline: 'Contributed copy',
      body: [{ type: 'paragraph', text: 'Filed from the harbour.' }],
      authorSlugs: ['cora-lane'],
    });
    const cora = await signedInAs(browser, desk, {
      role: 'contributor',
      name: 'Cora Lane',
      email: 'cora@example.com',
      authorSlug: 'cora-lane',
    });
    try {
      await cora.page.goto(`${desk.deskUrl}/stories/${article.id}`);
      await cora.page.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();
      const workflow = cora.page.getByRole('region', { name: 'Save and publish' });
      await expect(workflow.getByRole('button').allTextContents()).resolves.toEqual(['Save', 'Preview']);
      await expect(workflow.textContent()).resolves.toContain('Editors find your drafts in their story list');
    } finally {
      await cora.context.close();
    }
  });
});
