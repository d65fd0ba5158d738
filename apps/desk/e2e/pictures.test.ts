import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, signedInAs, startDesk } from './desk.js';

// A picture's life in the desk: uploaded with its progress shown, described and given a focal
// point in the library, put in a story as its hero and in its body, published, and read on the
// site in the best format Chromium takes.
let desk: RunningDesk;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A photo-like JPEG (noise compresses as badly as a photo's detail): a few MB, so its upload takes a while. */
async function photo(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 120, sigma: 50 },
    },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
}

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk({ site: true });
  await desk.store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
  ({ context, page } = await signedInAs(browser, desk, {
    role: 'editor',
    name: 'Pia Picture',
    email: 'pia@example.com',
  }));
  context.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await desk?.stop();
});

/** Every value a progress bar in the page takes, from now on (the bar's `value` is reflected as an attribute). */
async function watchProgress(): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.target instanceof HTMLProgressElement) seen.push(change.target.value);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['value'] });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

let hash = '';

describe('pictures in the desk', () => {
  it('uploads a picture with a progress bar, and refuses a file that is not one, saying why', async () => {
    await page.goto(`${desk.deskUrl}/library`);
    await page.getByRole('heading', { level: 1, name: 'Pictures' }).waitFor();
    const seen = await watchProgress();
    // A slow line (1 MB/s up), so the bar has somewhere to go between empty and full.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1_000_000,
    });
    const bytes = await photo(1600, 1200);
    expect(bytes.length).toBeGreaterThan(1_000_000);
    await page.getByLabel('Choose pictures').setInputFiles([
      { name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: bytes },
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('These are my notes, not a photo.') },
    ]);
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await uploads.getByRole('link', { name: 'Describe harbour.jpg' }).waitFor();
    await expect(uploads.getByRole('alert').textContent()).resolves.toMatch(/^Refused: .*not a JPEG, PNG/);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const values = await seen();
    expect(values.some((value) => value > 0 && value < 1)).toBe(true);
    expect(values.at(-1)).toBe(1);
    const kept = await desk.store.media.list({});
    expect(kept.items).toHaveLength(1);
    hash = kept.items[0]?.hash ?? '';
    expect(kept.items[0]).toMatchObject({ width: 1600, height: 1200, alt: '' });
  });

  it('uploads pictures dragged onto the upload box', async () => {
    await page.goto(`${desk.deskUrl}/library`);
    const gif = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#2266aa' } })
      .gif()
      .toBuffer();
    const dropped = await page.evaluateHandle(
      (bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.gif', { type: 'image/gif' }));
        return transfer;
      },
      [...gif],
    );
    await page.locator('#upload-form').dispatchEvent('dragover', { dataTransfer: dropped });
    await expect(page.locator('#upload-form.dragging').count()).resolves.toBe(1);
    await page.locator('#upload-form').dispatchEvent('drop', { dataTransfer: dropped });
    await page
      .getByRole('list', { name: 'Uploads' })
      .getByRole('link', { name: 'Describe dropped.gif' })
      .waitFor();
    await expect(page.locator('#upload-form.dragging').count()).resolves.toBe(0);
    const kept = await desk.store.media.list({});
    // A GIF is kept as its first frame, in PNG.
    expect(kept.items.find((item) => item.width === 120)).toMatchObject({ format: 'png', height: 90 });
  });

  it('describes the picture and sets its focal point with a click', async () => {
    await page.goto(`${desk.deskUrl}/library/${hash}`);
    await page.getByLabel('Alt text').fill('Fishing boats moored in the harbour at dawn');
    await page.getByLabel('Caption').fill('The harbour before the storm');
    await page.getByLabel('Credit').fill('Pia Picture');
    const image = page.locator('#focal-image');
    const box = await image.boundingBox();
    if (!box) throw new Error('The picture is not shown');
    await image.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
    expect(Number(await page.getByLabel('From the left (%)').inputValue())).toBeCloseTo(25, 0);
    expect(Number(await page.getByLabel('From the top (%)').inputValue())).toBeCloseTo(75, 0);
    await expect(page.locator('#focal-marker').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Saved.');
    const saved = await desk.store.media.byHash(hash);
    expect(saved).toMatchObject({
      alt: 'Fishing boats moored in the harbour at dawn',
      caption: 'The harbour before the storm',
      credit: 'Pia Picture',
    });
    expect(saved?.focal.x).toBeCloseTo(0.25, 1);
    expect(saved?.focal.y).toBeCloseTo(0.75, 1);
    // The crops shown are cut around the new point: their addresses name it.
    const square = await page.locator('.crops img').last().getAttribute('src');
    expect(square).toMatch(new RegExp(`^/media/${hash}/square-2\\d\\d-7\\d\\d\\.webp$`));
  });

  it('puts library pictures in a story, warns of one without alt text in the library, and publishes', async () => {
    const story = await desk.store.articles.create({
      slug: 'harbour-storm',
      headline: 'Storm reaches the harbour',
      standfirst: 'Boats were moored early.',
      sectionSlug: 'world',
      body: [
        { type: 'paragraph', text: 'The storm arrived at noon.' },
        { type: 'paragraph', text: 'Fishermen had moored their boats by dawn.' },
      ],
    });
    await page.goto(`${desk.deskUrl}/stories/${story.id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit story' }).waitFor();

    // The hero, from the library.
    await page.getByRole('button', { name: 'Choose a picture' }).click();
    const heroDialog = page.getByRole('dialog', { name: 'Hero picture' });
    await heroDialog.getByRole('radio', { name: 'The harbour before the storm' }).check();
    await expect(heroDialog.getByLabel('Alt text').inputValue()).resolves.toBe(
      'Fishing boats moored in the harbour at dawn',
    );
    await heroDialog.getByRole('button', { name: 'Use this picture' }).click();
    // The dialog's close event comes a moment after the click.
    await expect.poll(() => page.locator('#hero-src').inputValue()).toBe(`/media/${hash}`);
    await expect.poll(() => page.locator('#hero-width').inputValue()).toBe('1600');

    // A body picture, uploaded from the editor, its alt text typed there but not in the library.
    await page.getByText('Fishermen had moored').click();
    await page.keyboard.press('End');
    await page.getByRole('button', { name: 'Picture', exact: true }).click();
    const bodyDialog = page.getByRole('dialog', { name: 'Picture' });
    await bodyDialog
      .getByLabel('Or upload a new picture')
      .setInputFiles({ name: 'quay.jpg', mimeType: 'image/jpeg', buffer: await photo(800, 600) });
    await bodyDialog.getByRole('link', { name: 'Describe quay.jpg' }).waitFor();
    await expect(bodyDialog.getByLabel('Picture address').inputValue()).resolves.toMatch(
      /^\/media\/[0-9a-f]{64}$/,
    );
    await bodyDialog.getByLabel('Alt text').fill('The empty quay');
    await bodyDialog.getByRole('button', { name: 'Insert' }).click();
    const inserted = page.locator('#body-text figure img');
    await expect(inserted.getAttribute('src')).resolves.toMatch(/^\/media\/[0-9a-f]{64}\/640\.webp$/);
    await expect(
      inserted.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
    ).resolves.toBe(640);
    await page.locator('#save-button').click();
    await page.locator('#save-status', { hasText: /^Saved/ }).waitFor();

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const warnings = page.locator('#publish-warnings');
    await expect(warnings.textContent()).resolves.toContain(
      'The picture in block 3 has no alt text in the library.',
    );
    await expect(warnings.textContent()).resolves.not.toContain('hero');

    const quay = (await desk.store.media.list({})).items.find((item) => item.width === 800);
    if (!quay) throw new Error('The picture uploaded from the editor is not in the library');
    await page.goto(`${desk.deskUrl}/library/${quay.hash}`);
    await expect(page.getByRole('link', { name: 'Storm reaches the harbour' }).count()).resolves.toBe(1);
    await page.getByLabel('Alt text').fill('The empty quay');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.goto(`${desk.deskUrl}/stories/${story.id}`);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /published/i })
      .first()
      .waitFor();
    const published = await desk.store.articles.byId(story.id);
    expect(published?.status).toBe('published');
    expect(published?.heroImage).toMatchObject({ src: `/media/${hash}`, width: 1600, height: 1200 });
  });

  it('takes one picture by the plain form without script, and says why it refuses one', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    await plain.addCookies(await context.cookies());
    const plainPage = await plain.newPage();
    await plainPage.goto(`${desk.deskUrl}/library`);
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#aa3311' } })
      .png()
      .toBuffer();
    await plainPage
      .getByLabel('Choose pictures')
      .setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: png });
    await plainPage.getByRole('button', { name: 'Upload' }).click();
    await plainPage.waitForURL(/\/library\/[0-9a-f]{64}\?uploaded=new$/);
    await expect(plainPage.getByRole('status').textContent()).resolves.toMatch(
      /^Uploaded\. Describe it below/,
    );
    await plainPage.goto(`${desk.deskUrl}/library`);
    await plainPage.getByLabel('Choose pictures').setInputFiles({
      name: 'page.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('<svg onload="alert(1)"/>'),
    });
    await plainPage.getByRole('button', { name: 'Upload' }).click();
    await plainPage.waitForURL(/\/library\?refused=415$/);
    await expect(plainPage.getByRole('alert').textContent()).resolves.toMatch(
      /not a JPEG, PNG, WebP, AVIF or GIF/,
    );
    await plain.close();
  });

  it("is read on the site in AVIF, the hero first, from the site's own address", async () => {
    const reader = await browser.newContext({ viewport: { width: 412, height: 900 } });
    const readerPage = await reader.newPage();
    const pictures: { url: string; type: string }[] = [];
    readerPage.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/media/'))
        pictures.push({ url: response.url(), type: response.headers()['content-type'] ?? '' });
    });
    await readerPage.goto(`${desk.siteUrl}/articles/harbour-storm`);
    const hero = readerPage.locator('img[fetchpriority="high"]');
    await hero.evaluate((img: HTMLImageElement) => img.decode());
    const heroUrl = await hero.evaluate((img: HTMLImageElement) => img.currentSrc);
    expect(heroUrl).toMatch(new RegExp(`^${desk.siteUrl}/media/${hash}/\\d+\\.avif$`));
    expect(pictures.find((picture) => picture.url === heroUrl)?.type).toBe('image/avif');
    await expect(hero.getAttribute('alt')).resolves.toBe('Fishing boats moored in the harbour at dawn');
    await reader.close();
  });
});
