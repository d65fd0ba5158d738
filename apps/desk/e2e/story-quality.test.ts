import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Article } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../../web/e2e/axe.js';
import { launchChromium } from '../../web/e2e/browser.js';
import { htmlErrors } from '../../web/e2e/html-validator.js';
import { type RunningDesk, startDesk } from './desk.js';

// The desk's story rooms with real content: no axe-core violations at 1280 and 390 px, valid
// HTML, no sideways scrolling, the strict Content-Security-Policy, the JavaScript each page sends within its budget, the editor's
// toolbar usable from the keyboard alone; and the screenshots in docs/desk.md.
let desk: RunningDesk;
let browser: Browser;
let editor: BrowserContext;
let story: Article;
const docsDir = join(new URL('../../../docs/desk/', import.meta.url).pathname);

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  await desk.store.sections.create({ slug: 'world', name: 'World', description: null, order: 0 });
  await desk.store.authors.create({ slug: 'ana-ruiz', name: 'Ana Ruiz', bio: null, avatar: null });
  await desk.store.tags.create({ slug: 'floods', name: 'Floods', description: null, type: 'topic' });
  story = await desk.store.articles.create({
    slug: 'floods-close-the-coast-road',
    headline: 'Floods close the coast road',
    standfirst: 'Rescuers worked through the night as the water rose.',
    sectionSlug: 'world',
    authorSlugs: ['ana-ruiz'],
    tagSlugs: ['floods'],
    dateline: 'PORTHAVEN',
    sources: [{ name: 'AP', type: 'wire', url: null }],
    body: [
      {
        type: 'paragraph',
        text: 'The coast road closed at dawn, **police said**. *More rain* is due, says [the agency](https://agency.example).',
      },
      { type: 'heading', level: 2, text: 'What comes next' },
      { type: 'quote', text: 'We will rebuild', attribution: 'The mayor' },
      { type: 'list', style: 'bulleted', items: ['Roads', 'Rail'] },
      {
        type: 'image',
        src: '/favicon.svg',
        alt: 'The desk’s mark',
        caption: 'A picture',
        credit: 'Newsroom',
        width: 64,
        height: 64,
      },
      { type: 'see-also', slug: 'river-rises', headline: 'River rises overnight' },
    ],
  });
  const updated = await desk.store.articles.update({
    id: story.id,
    version: story.version,
    standfirst: 'Rescuers worked all night.',
  });
  story = updated;
  const person = await desk.store.people.invite({
    email: 'ed@example.com',
    name: 'Eve Editor',
    role: 'editor',
    authorSlug: 'ana-ruiz',
  });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  editor = await browser.newContext();
  editor.setDefaultTimeout(15_000);
  const page = await editor.newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${secret}`);
  await page.getByLabel('New password').fill('tangerine orbit fossil kettle');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Eve Editor' }).waitFor();
  await page.close();
});
afterAll(async () => {
  await editor?.close();
  await browser?.close();
  await desk?.stop();
});

async function rooms(): Promise<Record<string, string>> {
  const revisions = await desk.store.articles.revisions(story.id, { limit: 2 });
  const [newest, older] = revisions.items;
  return {
    stories: '/',
    'new-story': '/stories/new',
    editor: `/stories/${story.id}`,
    compare: `/stories/${story.id}/compare?from=${older?.id}&to=${newest?.id}`,
    share: `/stories/${story.id}/share`,
  };
}

async function opened(path: string, width: number): Promise<Page> {
  const page = await editor.newPage();
  await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
  await page.goto(`${desk.deskUrl}${path}`);
  if (
    path.startsWith('/stories/') &&
    !path.includes('/compare') &&
    !path.includes('/share') &&
    path !== '/stories/new'
  ) {
    await page.locator('#body-text').waitFor();
  }
  return page;
}

describe('the story rooms', () => {
  it('have no axe-core violations and fit 390 px, with screenshots of each for the guide', async () => {
    mkdirSync(docsDir, { recursive: true });
    const found: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(await rooms())) {
      for (const width of [1280, 390]) {
        const page = await opened(path, width);
        const violations = await axeViolations(page);
        if (violations.length > 0) found[`${name} at ${width}`] = violations;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) found[`${name} at ${width}`] = `${overflow}px too wide`;
        await page.screenshot({ path: join(docsDir, `${name}-${width}.png`), fullPage: width > 800 });
        await page.close();
      }
    }
    expect(found).toEqual({});
  });

  it('run under the strict Content-Security-Policy, with nothing refused by it', async () => {
    const refused: string[] = [];
    for (const [name, path] of Object.entries(await rooms())) {
      const page = await editor.newPage();
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { refused: string[] }).refused ??= [];
          (window as unknown as { refused: string[] }).refused.push(
            `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
          );
        });
      });
      const response = await page.goto(`${desk.deskUrl}${path}`);
      const policy = response?.headers()['content-security-policy'] ?? '';
      expect(policy, name).toContain("default-src 'none'");
      expect(policy, name).toContain("script-src 'self';");
      expect(policy, name).toContain("style-src 'self';");
      expect(policy, name).toContain("frame-ancestors 'none'");
      if (name === 'editor') await page.locator('#body-text').waitFor();
      const seen = await page.evaluate(() => (window as unknown as { refused?: string[] }).refused ?? []);
      refused.push(...seen.map((directive) => `${name}: ${directive}`));
      await page.close();
    }
    // The desk's own scripts and styles all load under the policy: it refuses nothing of theirs.
    expect(refused).toEqual([]);
  });

  it('are valid HTML by the W3C Nu checker', async () => {
    const html: Record<string, string> = {};
    for (const [name, path] of Object.entries(await rooms())) {
      html[name] = await (await editor.request.get(`${desk.deskUrl}${path}`)).text();
    }
    expect(htmlErrors(html)).toEqual([]);
  });

  it('send at most 60 KB of compressed JavaScript for the list and 250 KB for the editor', async () => {
    const sent: Record<string, number> = {};
    for (const [name, path] of Object.entries({ stories: '/', editor: `/stories/${story.id}` })) {
      const page = await editor.newPage();
      const scripts: Promise<number>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') {
          scripts.push(response.body().then((body) => gzipSync(body).length));
        }
      });
      await page.goto(`${desk.deskUrl}${path}`, { waitUntil: 'networkidle' });
      sent[name] = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      await page.close();
    }
    console.log(`JavaScript sent, gzip: story list ${sent.stories} bytes, editor ${sent.editor} bytes`);
    expect(sent.stories).toBeLessThanOrEqual(60_000);
    expect(sent.editor).toBeGreaterThan(0);
    expect(sent.editor).toBeLessThanOrEqual(250_000);
  });

  it("let the keyboard alone reach and use the editor's toolbar and its dialogs", async () => {
    const page = await opened(`/stories/${story.id}`, 1280);
    // The editor takes focus on the next frame (Tiptap's focus command), so focus is polled for.
    const focusedId = () => page.evaluate(() => document.activeElement?.id);
    await page.getByLabel('Standfirst').focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain('Bold');
    await page.keyboard.press('Tab');
    await expect.poll(focusedId).toBe('body-text');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Reached by keyboard');
    await page.keyboard.press('Alt+F10');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Heading');
    await page.keyboard.press('Enter');
    await expect(page.locator('#body-text h2').last().textContent()).resolves.toBe('Reached by keyboard');
    await page.keyboard.press('Escape');
    await expect.poll(focusedId).toBe('body-text');

    // A dialog too: the Link button from the keyboard, the address typed, Enter to apply.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Alt+F10');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Link');
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toMatch(/^dialog-\d+-href$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('https://example.com/keyboard');
    await page.keyboard.press('Enter');
    await page.locator('#body-text h2 a[href="https://example.com/keyboard"]').waitFor();
    await expect.poll(focusedId).toBe('body-text');
    await page.close();
  });
});
