import type { Article, Block } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { xssUrls, xssVectors } from '../../web/e2e/xss-vectors.js';
import { type RunningDesk, startDesk } from './desk.js';

// The site's XSS corpus in every field of stories, opened in the desk's editor and list and
// pasted into the editor: nothing from a story's content runs as script in the desk.
let desk: RunningDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const articles: Article[] = [];
const password = 'tangerine orbit fossil kettle';
const problems: string[] = [];

function bodyOf(vectors: readonly string[], n: number): Block[] {
  return vectors.flatMap((vector, i): Block[] => [
    { type: 'paragraph', text: `${vector} *${vector}* **${vector}** [${vector}](/search?q=x)` },
    { type: 'heading', level: 3, text: vector },
    { type: 'quote', text: vector, attribution: vector },
    {
      type: 'image',
      src: xssUrls[(n + i) % xssUrls.length] as string,
      alt: vector,
      caption: vector,
      credit: vector,
      width: 800,
      height: 600,
    },
    { type: 'list', style: 'bulleted', items: [vector, vector] },
    { type: 'see-also', slug: null, headline: vector },
  ]);
}

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
  // 146 vectors, six blocks each: four stories stay under the body's 500 blocks.
  for (let n = 0; n < 4; n++) {
    const vectors = xssVectors.filter((_, i) => i % 4 === n);
    articles.push(
      await desk.store.articles.create({
        slug: `xss-${n}`,
        headline: vectors.join(' ').slice(0, 200).trim(),
        standfirst: vectors.join(' ').slice(0, 600).trim(),
        dateline: (vectors[0] ?? 'x').slice(0, 100),
        seoTitle: (vectors[1] ?? 'x').slice(0, 70),
        sources: vectors
          .slice(0, 10)
          .map((vector) => ({ name: vector.slice(0, 100), type: 'wire' as const, url: null })),
        body: bodyOf(vectors, n),
      }),
    );
  }
  const person = await desk.store.people.invite({
    email: 'x@example.com',
    name: 'Xena',
    role: 'editor',
    authorSlug: null,
  });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Xena' }).waitFor();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await desk?.stop();
});

/** What would show that content ran or got in as markup: window.__xss, handlers, script URLs, frames. */
async function foundOnPage(): Promise<string[]> {
  await page.waitForTimeout(500);
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const xss = (window as unknown as { __xss?: unknown }).__xss;
    if (xss !== undefined) out.push(`window.__xss was ${String(xss)}`);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (attribute.name.startsWith('on')) out.push(`<${element.localName}> has ${attribute.name}`);
        if (
          /^\s*(javascript|data|vbscript):/i.test(attribute.value) &&
          ['href', 'src', 'action', 'formaction'].includes(attribute.name)
        )
          out.push(`<${element.localName} ${attribute.name}="${attribute.value.slice(0, 60)}">`);
      }
    }
    for (const tag of ['iframe', 'object', 'embed', 'base', 'frame']) {
      if (document.querySelector(tag)) out.push(`a <${tag}> element`);
    }
    const scripts = [...document.scripts].filter(
      (s) => s.type !== 'module' || !s.src.startsWith(location.origin),
    );
    for (const script of scripts) out.push(`a script: ${(script.src || script.text).slice(0, 80)}`);
    return out;
  });
  return [...problems.splice(0), ...found];
}

describe('the XSS corpus in the desk', () => {
  it('shows as text in the story list and in the editor, every field of every story', async () => {
    await page.goto(`${desk.deskUrl}/`);
    expect(await foundOnPage()).toEqual([]);
    for (const article of articles) {
      await page.goto(`${desk.deskUrl}/stories/${article.id}`);
      await page.locator('#body-text').waitFor();
      expect(await foundOnPage()).toEqual([]);
      await expect(page.getByLabel('Headline').inputValue()).resolves.toBe(article.headline);
      await expect(page.locator('#body-text h3').first().textContent()).resolves.toBe(
        article.body.find((b) => b.type === 'heading')?.text,
      );
    }
  });

  it('stays text when pasted into the editor, and saves as text', async () => {
    const article = articles[0] as Article;
    await page.goto(`${desk.deskUrl}/stories/${article.id}`);
    await page.locator('#body-text').click();
    await page.keyboard.press('Control+End');
    const html = xssVectors.slice(0, 60).join('<br>');
    await page.evaluate((pasted) => {
      const data = new DataTransfer();
      data.setData('text/html', `<p>${pasted}</p>`);
      data.setData('text/plain', pasted);
      document
        .getElementById('body-text')
        ?.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
    }, html);
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Saved/);
    expect(await foundOnPage()).toEqual([]);
    // The markup arrived as the words it is made of.
    const saved = JSON.stringify((await desk.store.articles.byId(article.id))?.body.slice(-3));
    expect(saved).toContain('alert(1)');
    await page.reload();
    await page.locator('#body-text').waitFor();
    expect(await foundOnPage()).toEqual([]);
  });
});
