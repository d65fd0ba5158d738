import type { Role } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, startDesk } from './desk.js';

// An admin manages people from the desk's People page, in Chromium, against the built desk and
// API over a fresh SQLite file.
let desk: RunningDesk;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'tangerine orbit fossil kettle';

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

/** A page in a browser of its own: each person signs in separately. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

/** Opens an invitation link and sets the password; the person lands signed in. */
async function accept(page: Page, link: string, name: string) {
  await page.goto(link);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: `Welcome, ${name}` }).waitFor();
}

/** Someone the Store invited with `role`, signed in through their invitation. */
async function signedIn(role: Role, name: string, email: string): Promise<Page> {
  const person = await desk.store.people.invite({ email, name, role, authorSlug: null });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  const page = await newPage();
  await accept(page, `${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`, name);
  return page;
}

describe('People', () => {
  it('lets an admin invite someone with a link shown once, who then signs in, and suspend them, signing them out', async () => {
    const admin = await signedIn('admin', 'Ada Admin', 'ada@example.com');
    await admin.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'People' }).click();
    await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();

    await admin.getByLabel('Email').fill('bo@example.com');
    await admin.getByLabel('Name').fill('Bo Writer');
    await admin.getByLabel('Role', { exact: true }).selectOption('author');
    await admin.getByRole('button', { name: 'Invite' }).click();
    const shown = admin.locator('#one-time-link');
    await expect(shown.textContent()).resolves.toMatch(/Invitation link for Bo Writer, valid until/);
    const link = (await shown.locator('code').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${desk.deskUrl}/invitation\\?key=`));

    const bo = await newPage();
    await accept(bo, link, 'Bo Writer');
    await expect(bo.locator('.role').textContent()).resolves.toBe('author');

    await admin.goto(`${desk.deskUrl}/people`);
    await admin.getByRole('button', { name: 'Suspend Bo Writer' }).click();
    await expect(admin.getByRole('status').textContent()).resolves.toBe(
      'They are suspended, and their sessions have ended.',
    );
    // Bo's next page finds the session ended and asks for a sign-in.
    await bo.goto(`${desk.deskUrl}/`);
    expect(new URL(bo.url()).pathname).toBe('/sign-in');
    const entries = await desk.store.audit.list({ action: 'user.suspend', limit: 5 });
    expect(entries.items.map((entry) => entry.actor.name)).toEqual(['Ada Admin']);
  });

  it('shows an email already in use next to the form, and keeps the two-factor rule an admin saves', async () => {
    const admin = await signedIn('admin', 'Cy Admin', 'cy@example.com');
    await admin.goto(`${desk.deskUrl}/people`);
    await admin.getByLabel('Email').fill('CY@example.com');
    await admin.getByLabel('Name').fill('Cy Again');
    await admin.getByRole('button', { name: 'Invite' }).click();
    await expect(admin.getByRole('alert').textContent()).resolves.toMatch(/email/i);
    await expect(desk.store.people.byEmail('cy@example.com')).resolves.toMatchObject({ name: 'Cy Admin' });

    await admin
      .getByLabel('Who must sign in with an authenticator app or a passkey')
      .selectOption({ label: 'Editors and admins' });
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByRole('status').textContent()).resolves.toBe('The two-factor rule is saved.');
    await expect(desk.store.settings.get()).resolves.toEqual({ requireSecondFactorFrom: 'editor' });
    // Cy has no second factor: until they add one, People sends them to their account.
    await expect(admin.getByRole('alert').textContent()).resolves.toMatch(
      /asks admins to sign in with a second factor\. Add one in Your account/,
    );
    await expect(admin.getByRole('button', { name: 'Invite' }).count()).resolves.toBe(0);
    await desk.store.settings.update({ requireSecondFactorFrom: null });
  });

  it('answers a made-up page address with 400, a clear message and the first page', async () => {
    const admin = await signedIn('admin', 'Di Admin', 'di@example.com');
    const answer = await admin.goto(`${desk.deskUrl}/people?cursor=not-a-cursor`);
    expect(answer?.status()).toBe(400);
    await expect(admin.getByRole('alert').textContent()).resolves.toBe(
      'That page of the list does not exist; here is the first page.',
    );
    await expect(admin.getByRole('heading', { level: 3, name: 'Di Admin' }).count()).resolves.toBe(1);
  });

  it('is for admins only: an editor gets 403 and no list, and no People link', async () => {
    const editor = await signedIn('editor', 'Ed Editor', 'ed@example.com');
    await expect(
      editor.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'People' }).count(),
    ).resolves.toBe(0);
    const answer = await editor.goto(`${desk.deskUrl}/people`);
    expect(answer?.status()).toBe(403);
    await expect(editor.getByRole('alert').textContent()).resolves.toBe(
      'Only admins manage people. Ask an admin of your newsroom.',
    );
    await expect(editor.getByRole('button', { name: 'Invite' }).count()).resolves.toBe(0);
  });
});
