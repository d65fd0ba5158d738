import { createNewsroomClient } from '@newsroom/api/client';
import type { Block, Image } from '@newsroom/domain';
import type { Browser, BrowserContext, Response } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';

// A published story with a hero and five inline pictures from the media library, read on a
// phone-sized screen: the hero is what the browser reports as the largest contentful paint, and
// it arrives as AVIF. Lighthouse's score for the same page is a figure of the bench
// (bench/src/lighthouse.ts), never a threshold here: scores move with the machine's load.
let newsroom: RunningNewsroom;
let browser: Browser;
let context: BrowserContext;
let heroHash: string;
let slug: string;

/**
 * A photo-like JPEG: noise compresses as badly as a photo's detail. A flat colour would not do:
 * Chromium leaves pictures with too few bits per pixel out of the largest contentful paint.
 */
function photo(width: number, height: number, mean: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: '#777', noise: { type: 'gaussian', mean, sigma: 40 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function upload(
  bytes: Buffer,
  token: string,
): Promise<{ hash: string; width: number; height: number }> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  const answer = await fetch(`${newsroom.apiUrl}/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(201);
  return (await answer.json()) as { hash: string; width: number; height: number };
}

beforeAll(async () => {
  browser = await launchChromium();
  newsroom = await startNewsroom();
  const token = newsroom.mintToken('editor');
  const pictures = await Promise.all(
    [100, 110, 120, 130, 140, 150].map(async (mean) => upload(await photo(1600, 1067, mean), token)),
  );
  const image = (picture: (typeof pictures)[number], n: number): Image => ({
    src: `/media/${picture.hash}`,
    alt: `The flooded square, view ${n}`,
    caption: `The square at noon, view ${n}.`,
    credit: 'Picture desk',
    width: picture.width,
    height: picture.height,
  });
  const [hero, ...inline] = pictures;
  if (!hero) throw new Error('no picture was uploaded');
  heroHash = hero.hash;
  const text =
    'The river rose through the night and reached the main square before dawn. Shopkeepers ' +
    'carried their stock upstairs while the fire brigade pumped water from the cellars. ';
  const body: Block[] = inline.flatMap((picture, n): Block[] => [
    { type: 'paragraph', text: text.repeat(2) },
    { type: 'paragraph', text: text.repeat(3) },
    { type: 'image', ...image(picture, n + 2) },
  ]);
  const api = createNewsroomClient(newsroom.apiUrl, { token });
  const draft = await api.article.create.mutate({
    headline: 'Floods reach the main square',
    standfirst: 'Shops along the river were emptied overnight.',
    sectionSlug: 'world',
    heroImage: image(hero, 1),
    body,
  });
  slug = (await api.article.publish.mutate({ id: draft.id, version: draft.version })).slug;
  // Lighthouse's phone: the picture the page asks for is the one a phone is sent.
  context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await newsroom?.stop();
});

interface PaintSeen {
  tag: string;
  inHero: boolean;
  url: string;
  size: number;
}

describe('the pictures of a published story, on a phone', () => {
  it('make the hero the largest contentful paint, fetched as AVIF', async () => {
    const page = await context.newPage();
    const heroAnswers: Response[] = [];
    page.on('response', (response) => {
      if (response.url().includes(`/media/${heroHash}/`)) heroAnswers.push(response);
    });
    // Watching from before the first byte: every candidate the browser reports, in order.
    await page.addInitScript(() => {
      const seen: PaintSeen[] = [];
      (window as unknown as { paintsSeen: PaintSeen[] }).paintsSeen = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          element: Element | null;
          url: string;
          size: number;
        })[]) {
          seen.push({
            tag: entry.element?.tagName ?? '',
            inHero: entry.element?.closest('.hero') != null,
            url: entry.url,
            size: entry.size,
          });
        }
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(`${newsroom.siteUrl}/articles/${slug}`, { waitUntil: 'load' });
    const hero = page.locator('.hero img');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.hero img');
      return img?.complete === true && img.naturalWidth > 0;
    });
    const heroUrl = await hero.evaluate((img: HTMLImageElement) => img.currentSrc);
    // The entry for a picture comes with the frame that paints it, after it has loaded.
    const paints = await page
      .waitForFunction(
        (url) => {
          const seen = (window as unknown as { paintsSeen: PaintSeen[] }).paintsSeen;
          return seen.some((paint) => paint.url === url) && seen;
        },
        heroUrl,
        { timeout: 10_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<PaintSeen[]>);

    const largest = paints.at(-1);
    expect(largest).toMatchObject({ tag: 'IMG', inHero: true, url: heroUrl });
    expect(heroUrl).toMatch(new RegExp(`/media/${heroHash}/\\d+\\.avif$`));
    // One answer for the hero, the variant chosen, as AVIF: no JPEG or WebP was fetched first.
    expect(heroAnswers.map((answer) => answer.url())).toEqual([heroUrl]);
    expect(heroAnswers[0]?.status()).toBe(200);
    expect(await heroAnswers[0]?.headerValue('content-type')).toBe('image/avif');
    await page.close();
  });
});
