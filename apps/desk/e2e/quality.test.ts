import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanUpload } from '@newsroom/media';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../../web/e2e/axe.js';
import { launchChromium } from '../../web/e2e/browser.js';
import { htmlErrors } from '../../web/e2e/html-validator.js';
import { type RunningDesk, startDesk } from './desk.js';

// Every room of the desk, as a signed-out visitor and as a signed-in admin: no axe-core
// violations at either width, valid HTML, usable at 390 px, and nothing fetched from another
// site; the screenshots of docs/desk.md are taken on the way.
let desk: RunningDesk;
let browser: Browser;
let admin: BrowserContext;

const signedOutPaths = {
  'sign-in': '/sign-in',
  'invitation, a spent key': '/invitation?key=spent',
  'reset, a spent key': '/reset?key=spent',
};
const signedInPaths: Record<string, string> = {
  home: '/',
  pictures: '/library',
  account: '/account',
  people: '/people',
  comments: '/comments',
  sections: '/sections',
  tags: '/tags',
  'a tag being edited': '/tags?edit=climate',
  authors: '/authors',
  'API tokens': '/tokens',
  'audit trail': '/audit',
};

/** The rooms docs/desk.md shows, by the file name of their screenshots (the story rooms' are made by story-quality). */
const screenshotNames: Record<string, string> = {
  'sign-in': 'sign-in',
  account: 'account',
  people: 'people',
  comments: 'comments',
  sections: 'sections',
  tags: 'tags',
  authors: 'authors',
  'API tokens': 'tokens',
  'audit trail': 'audit',
  pictures: 'library',
  'a picture': 'picture',
};
const docsDir = new URL('../../../docs/desk/', import.meta.url).pathname;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  const person = await desk.store.people.invite({
    email: 'ada@example.com',
    name: 'Ada Admin',
    role: 'admin',
    authorSlug: null,
  });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  // Something in every room: a story with a comment waiting, a tag, an author and a token.
  await desk.store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
  await desk.store.tags.upsert({ slug: 'climate', name: 'Climate', description: null, type: 'topic' });
  await desk.store.authors.upsert({
    slug: 'ana',
    name: 'Ana Reporter',
    bio: 'Covers the coast.',
    avatar: null,
  });
  const draft = await desk.store.articles.create({
    headline: 'Sea walls rise',
    body: [{ type: 'paragraph', text: 'Words.' }],
    sectionSlug: 'world',
    tagSlugs: ['climate'],
    authorSlugs: ['ana'],
  });
  const story = await desk.store.articles.setStatus(draft.id, draft.version, 'published');
  await desk.store.comments.create({
    articleId: story.id,
    displayName: 'Ines',
    body: 'Finally.\nAbout time.',
  });
  await desk.store.tokens.create({ name: 'Wire importer', role: 'author', authorSlug: 'ana' });
  const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3a6f8f' } })
    .jpeg()
    .toBuffer();
  const { media } = await desk.store.media.put(await cleanUpload(photo, { maxPixels: 50_000_000 }), {
    uploadedBy: 'Ada Admin',
  });
  await desk.store.media.update(media.hash, { alt: 'A calm sea under a blue sky', credit: 'Ana Reporter' });
  signedInPaths['a picture'] = `/library/${media.hash}`;
  admin = await browser.newContext();
  admin.setDefaultTimeout(10_000);
  const page = await admin.newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${secret}`);
  await page.getByLabel('New password').fill('tangerine orbit fossil kettle');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Ada Admin' }).waitFor();
  await page.close();
});
afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await desk?.stop();
});

/**
 * Each page in its browser: signed out in a fresh one, signed in in the admin's. Returns the
 * address of every request the pages made.
 */
async function eachPage(
  viewport: { width: number; height: number },
  visit: (name: string, page: Page) => Promise<void>,
): Promise<string[]> {
  const requested: string[] = [];
  const visitor = await browser.newContext({ viewport });
  const rooms: [BrowserContext, Record<string, string>][] = [
    [visitor, signedOutPaths],
    [admin, signedInPaths],
  ];
  for (const [context, paths] of rooms) {
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    await page.setViewportSize(viewport);
    for (const [name, path] of Object.entries(paths)) {
      await page.goto(`${desk.deskUrl}${path}`);
      await visit(name, page);
    }
    await page.close();
  }
  await visitor.close();
  return requested;
}

describe('every room of the desk', () => {
  it('has no axe-core violations at 1280 and 390 px, with screenshots of each for the guide', async () => {
    mkdirSync(docsDir, { recursive: true });
    const found: Record<string, unknown> = {};
    for (const width of [1280, 390]) {
      await eachPage({ width, height: width > 800 ? 800 : 844 }, async (name, page) => {
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${name} at ${width}`] = violations;
        const file = screenshotNames[name];
        if (file)
          await page.screenshot({ path: join(docsDir, `${file}-${width}.png`), fullPage: width > 800 });
      });
    }
    expect(found).toEqual({});
  });

  it('is valid HTML by the W3C Nu checker', async () => {
    const html: Record<string, string> = {};
    for (const [name, path] of Object.entries(signedOutPaths)) {
      html[name] = await (await fetch(`${desk.deskUrl}${path}`)).text();
    }
    for (const [name, path] of Object.entries(signedInPaths)) {
      html[name] = await (await admin.request.get(`${desk.deskUrl}${path}`)).text();
    }
    expect(Object.values(html).every((page) => page.startsWith('<!DOCTYPE html>'))).toBe(true);
    expect(htmlErrors(html)).toEqual([]);
  });

  it('is usable at 390 px wide without sideways scrolling, and asks nothing of another site', async () => {
    const wide: string[] = [];
    const requested = await eachPage({ width: 390, height: 844 }, async (name, page) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) wide.push(`${name}: ${overflow}px too wide`);
    });
    expect(wide).toEqual([]);
    // The pages and their stylesheet, script and icon came from the desk, and only from it.
    expect(requested.length).toBeGreaterThan(Object.keys(signedInPaths).length);
    const origin = new URL(desk.deskUrl).origin;
    expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });
});

describe('the pages between', () => {
  it('an open invitation and the authenticator enrolment with its QR code: no axe-core violations, and they fit 390 px', async () => {
    const invited = await desk.store.people.invite({
      email: 'new@example.com',
      name: 'New Person',
      role: 'author',
      authorSlug: null,
    });
    const { secret } = await desk.store.links.create(invited.id, 'invitation', { ttlMs: 3_600_000 });
    const found: Record<string, unknown> = {};
    const check = async (name: string, page: Page) => {
      const violations = await axeViolations(page);
      if (violations.length > 0) found[name] = violations;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) found[`${name} at 390 px`] = `${overflow}px too wide`;
    };

    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const invitation = await visitor.newPage();
    await invitation.goto(`${desk.deskUrl}/invitation?key=${secret}`);
    await invitation.getByRole('button', { name: 'Set password' }).waitFor();
    await check('invitation', invitation);
    await visitor.close();

    const page = await admin.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${desk.deskUrl}/account`);
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await check('authenticator enrolment', page);
    await page.close();
    expect(found).toEqual({});
  });
});
