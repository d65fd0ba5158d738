import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { accessibilityProblems, type RunningDesk, signedInAs, startDesk } from './desk.js';

// Admins read the audit trail on /audit, in Chromium, against the built desk and API.
let desk: RunningDesk;
let browser: Browser;
let adminContext: BrowserContext;
let admin: Page;
const robot = { kind: 'token', id: '22222222-2222-4222-8222-222222222222', name: 'Importer' } as const;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  // Older than anything the sign-ins below record: a long tail for the pages.
  for (let i = 0; i < 55; i++) {
    await desk.store.audit.record({
      at: new Date(Date.UTC(2026, 0, 1, 8, i)).toISOString(),
      actor: robot,
      action: 'article.create',
      objectType: 'article',
      objectId: `story-${i}`,
      address: '203.0.113.9',
      detail: { slug: `story-${i}` },
    });
  }
  ({ context: adminContext, page: admin } = await signedInAs(browser, desk, {
    role: 'admin',
    name: 'Ada Admin',
    email: 'ada@example.com',
  }));
});
afterAll(async () => {
  await adminContext?.close();
  await browser?.close();
  await desk?.stop();
});

const actions = () => admin.locator('li.entry strong').allTextContents();

describe('Audit trail', () => {
  it('lists entries newest first in pages, filtered by who, by action or by object', async () => {
    await admin.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Audit trail' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    expect((await actions()).slice(0, 2)).toEqual(['sign-in', 'invitation.accept']);
    expect(await accessibilityProblems(admin)).toEqual([]);

    await admin.getByRole('link', { name: 'Older entries' }).click();
    const older = await admin.locator('li.entry').allTextContents();
    expect(older).toHaveLength(7);
    expect(older.at(-1)).toContain('story-0');

    await admin.goto(`${desk.deskUrl}/audit`);
    await admin.getByLabel('Who').selectOption({ label: 'Ada Admin (ada@example.com)' });
    await admin.getByRole('button', { name: 'Filter' }).click();
    expect(await actions()).toEqual(['sign-in', 'invitation.accept']);

    await admin.getByRole('link', { name: 'Clear the filters' }).click();
    await admin.getByLabel('Action').fill('article.create');
    await admin.getByLabel('Action').press('Enter');
    await admin.waitForURL(/action=article\.create/);
    await expect(admin.locator('li.entry').count()).resolves.toBe(50);
    await admin.getByRole('link', { name: 'Everything about the article story-54' }).click();
    await expect(admin.locator('li.entry').allTextContents()).resolves.toEqual([
      expect.stringMatching(
        /^article\.create · .*ByImporter \(API token\)Onarticle story-54From203\.0\.113\.9slugstory-54$/,
      ),
    ]);
  });

  it('says which filter was not valid and shows the list without it, answered 400', async () => {
    const answer = await admin.goto(`${desk.deskUrl}/audit?action=${encodeURIComponent('Drop Table!')}`);
    expect(answer?.status()).toBe(400);
    await expect(admin.getByRole('alert').textContent()).resolves.toBe(
      'A filter was not valid, so the list is shown without it.',
    );
    await expect(admin.locator('#audit-action-error').textContent()).resolves.toMatch(/lower-case words/);
    await expect(admin.locator('li.entry').count()).resolves.toBe(50);
  });

  it('is for admins only: an editor gets 403 and no entries', async () => {
    const { context, page } = await signedInAs(browser, desk, {
      role: 'editor',
      name: 'Ed Editor',
      email: 'ed@example.com',
    });
    try {
      const answer = await page.goto(`${desk.deskUrl}/audit`);
      expect(answer?.status()).toBe(403);
      await expect(page.getByRole('alert').textContent()).resolves.toBe(
        'Only admins read the audit trail. Ask an admin of your newsroom.',
      );
      await expect(page.locator('li.entry').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });
});
