import type { Article, CommentPolicy } from '@newsroom/domain';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { accessibilityProblems, type RunningDesk, signedInAs, startDesk } from './desk.js';

// Editors moderate readers' comments on /comments, in Chromium, against the built desk and API.
let desk: RunningDesk;
let browser: Browser;
const contexts: BrowserContext[] = [];

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

async function signedIn(role: 'editor' | 'author', name: string, email: string) {
  const { context, page } = await signedInAs(browser, desk, { role, name, email });
  contexts.push(context);
  return page;
}

async function publishedStory(
  headline: string,
  commentPolicy: CommentPolicy = 'moderated',
): Promise<Article> {
  const draft = await desk.store.articles.create({
    headline,
    body: [{ type: 'paragraph', text: 'Words.' }],
    commentPolicy,
  });
  return desk.store.articles.setStatus(draft.id, draft.version, 'published');
}

/** A reader's comment, `minutes` after a fixed morning, so the queue's order is known. */
const say = (article: Article, displayName: string, body: string, minutes: number) =>
  desk.store.comments.create(
    { articleId: article.id, displayName, body },
    { now: new Date(Date.UTC(2026, 2, 1, 8, minutes)) },
  );

describe('Comments', () => {
  it('lets an editor approve one, reject one, mark several as spam together with the keyboard, and close a story’s comments', async () => {
    const bridge = await publishedStory('Bridge reopens');
    const harbour = await publishedStory('Harbour plans');
    const good = await say(bridge, 'Ines', 'Finally, after two years.', 1);
    const rude = await say(harbour, 'Troll', 'You are all idiots.', 0);
    const spam = [
      await say(harbour, 'Buy now', 'Cheap watches', 2),
      await say(bridge, 'Buy now', 'Cheap pills', 3),
    ];

    const editor = await signedIn('editor', 'Ed Editor', 'ed@example.com');
    await editor.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Comments' }).click();
    await editor.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await expect(editor.locator('.comment-body').allTextContents()).resolves.toEqual([
      'Cheap pills',
      'Cheap watches',
      'Finally, after two years.',
      'You are all idiots.',
    ]);
    await expect(
      editor.locator('li.comment').first().getByRole('link', { name: 'Bridge reopens' }).getAttribute('href'),
    ).resolves.toBe(`/stories/${bridge.id}`);

    await editor.getByRole('button', { name: 'Approve the comment by Ines on “Bridge reopens”' }).click();
    await expect
      .poll(() => editor.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('The comment is approved.');
    await expect(desk.store.comments.list(bridge.id, { order: 'oldest', limit: 5 })).resolves.toMatchObject({
      items: [{ id: good.id, status: 'approved' }],
    });

    await editor.getByRole('button', { name: 'Reject the comment by Troll on “Harbour plans”' }).click();
    await expect
      .poll(() => editor.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('The comment is rejected.');
    expect((await desk.store.comments.listByStatus('rejected', { limit: 5 })).items.map((c) => c.id)).toEqual(
      [rude.id],
    );

    // Ticked and sent from the keyboard alone.
    for (const checkbox of await editor.getByLabel('Select the comment by Buy now').all()) {
      await checkbox.focus();
      await editor.keyboard.press('Space');
    }
    await editor.getByRole('button', { name: 'Spam selected' }).focus();
    await editor.keyboard.press('Enter');
    await expect
      .poll(() => editor.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('2 comments are marked as spam.');
    const marked = await desk.store.comments.listByStatus('spam', { limit: 10 });
    expect(marked.items.map((c) => c.id).sort()).toEqual(spam.map((c) => c.id).sort());
    const trail = await desk.store.audit.list({ action: 'comment.moderateMany', limit: 10 });
    expect(trail.items.map((e) => e.actor.name)).toEqual(['Ed Editor', 'Ed Editor']);
    await expect(editor.getByText('No comments here.').count()).resolves.toBe(1);

    // From the approved list: close the bridge story's comments, without touching its public update time.
    await editor.getByLabel('Show').selectOption('approved');
    await editor.getByRole('button', { name: 'Show', exact: true }).click();
    await editor.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();
    await editor.getByLabel('Comments on this story').selectOption('closed');
    await editor.getByRole('button', { name: 'Save how comments on “Bridge reopens” are taken' }).click();
    await expect
      .poll(() => editor.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('Comments on that story are closed.');
    await expect(desk.store.articles.byId(bridge.id)).resolves.toMatchObject({
      commentPolicy: 'closed',
      updatedAt: bridge.updatedAt,
    });
    expect(new URL(editor.url()).searchParams.get('status')).toBe('approved');
    expect(await accessibilityProblems(editor)).toEqual([]);
  });

  it('says when nothing is selected, pages a long queue, and answers a made-up page address with 400', async () => {
    const busy = await publishedStory('Busy story');
    for (let i = 0; i < 52; i++) await say(busy, `Reader ${i}`, `Comment number ${i}`, 10 + i);
    const editor = await signedIn('editor', 'Flo Editor', 'flo@example.com');
    await editor.goto(`${desk.deskUrl}/comments`);
    await expect(editor.locator('li.comment').count()).resolves.toBe(50);
    await expect(editor.locator('.comment-body').first().textContent()).resolves.toBe('Comment number 51');

    const answer = editor.waitForResponse((response) => response.request().method() === 'POST');
    await editor.getByRole('button', { name: 'Reject selected' }).click();
    expect((await answer).status()).toBe(400);
    await expect(editor.getByRole('alert').textContent()).resolves.toBe('Select at least one comment first.');

    await editor.getByRole('link', { name: 'Next page' }).click();
    await expect(editor.locator('.comment-body').allTextContents()).resolves.toEqual([
      'Comment number 1',
      'Comment number 0',
    ]);
    const made = await editor.goto(`${desk.deskUrl}/comments?cursor=not-a-cursor`);
    expect(made?.status()).toBe(400);
    await expect(editor.getByRole('alert').textContent()).resolves.toBe(
      'That page of the list does not exist; here is the first page.',
    );
  });

  it('is for editors and admins: an author gets 403, no queue and no Comments link', async () => {
    const author = await signedIn('author', 'Al Author', 'al@example.com');
    await expect(
      author.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Comments' }).count(),
    ).resolves.toBe(0);
    const answer = await author.goto(`${desk.deskUrl}/comments`);
    expect(answer?.status()).toBe(403);
    await expect(author.getByRole('alert').textContent()).resolves.toBe(
      'Only editors and admins moderate comments. Ask an admin of your newsroom.',
    );
    await expect(author.locator('li.comment').count()).resolves.toBe(0);
  });
});
