import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { accessibilityProblems, type RunningDesk, signedInAs, startDesk } from './desk.js';

// Admins create, oversee and revoke API tokens on /tokens, in Chromium, against the built desk and API.
let desk: RunningDesk;
let browser: Browser;
let adminContext: BrowserContext;
let admin: Page;

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  await desk.store.authors.upsert({ slug: 'ana', name: 'Ana Reporter', bio: null, avatar: null });
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

const newToken = () => admin.locator('li.token').filter({ hasText: 'Wire importer' });

describe('API tokens', () => {
  it('creates a token shown once, lists when it was last used and when it expires, and revokes it', async () => {
    await admin.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'API tokens' }).click();
    await admin.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await admin.getByLabel('Name').fill('Wire importer');
    await admin.getByLabel('Role').selectOption('author');
    await admin.getByLabel('Writes as').selectOption('ana');
    await admin.getByLabel('Expires').selectOption('30');
    await admin.getByRole('button', { name: 'Create token' }).click();
    const shown = admin.locator('#new-token');
    await expect(shown.textContent()).resolves.toMatch(
      /New author token “Wire importer”, valid until .+ UTC\. Copy it/,
    );
    const token = (await shown.locator('code').textContent()) ?? '';
    expect(token).toMatch(/^nr_[A-Za-z0-9_-]{43}$/);
    expect(await accessibilityProblems(admin)).toEqual([]);

    // A tool uses it; the list, read again, says so and never shows the secret again.
    const used = await fetch(
      `${desk.apiUrl}/article.list?input=${encodeURIComponent('{"status":"draft"}')}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(used.status).toBe(200);
    await admin.goto(`${desk.deskUrl}/tokens`);
    await expect(admin.content()).resolves.not.toContain(token);
    const facts = await newToken().locator('dd').allTextContents();
    expect(facts.slice(0, 3)).toEqual(['Live', 'author', 'Ana Reporter (ana)']);
    expect(facts[4]).toMatch(/UTC$/);
    expect(facts[5]).toMatch(/UTC$/);

    await newToken()
      .getByRole('button', { name: /^Revoke Wire importer/ })
      .click();
    await expect(admin.getByRole('status').textContent()).resolves.toBe(
      'The token is revoked: it no longer works.',
    );
    await expect(newToken().locator('dd').first().textContent()).resolves.toMatch(/^Revoked /);
    await expect(desk.store.tokens.resolve(token)).resolves.toBeNull();
    const trail = await desk.store.audit.list({ objectType: 'token', limit: 5 });
    expect(trail.items.map((e) => [e.action, e.actor.name])).toEqual([
      ['token.revoke', 'Ada Admin'],
      ['token.create', 'Ada Admin'],
    ]);
  });

  it('asks for a name, next to the field', async () => {
    await admin.goto(`${desk.deskUrl}/tokens`);
    const answer = admin.waitForResponse((response) => response.request().method() === 'POST');
    await admin.getByRole('button', { name: 'Create token' }).click();
    expect((await answer).status()).toBe(400);
    await expect(admin.locator('#token-name-error').textContent()).resolves.toBe(
      'give the token a name that says what uses it',
    );
    await expect(admin.locator('#new-token').count()).resolves.toBe(0);
  });

  it('is for admins only: an editor gets 403, no list and no link', async () => {
    const { context, page } = await signedInAs(browser, desk, {
      role: 'editor',
      name: 'Ed Editor',
      email: 'ed@example.com',
    });
    try {
      await expect(
        page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'API tokens' }).count(),
      ).resolves.toBe(0);
      const answer = await page.goto(`${desk.deskUrl}/tokens`);
      expect(answer?.status()).toBe(403);
      await expect(page.getByRole('alert').textContent()).resolves.toBe(
        'Only admins manage API tokens. Ask an admin of your newsroom.',
      );
      await expect(page.locator('li.token').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });
});
