import type { Store } from '@newsroom/db';
import { type Block, type Image, mediaPath } from '@newsroom/domain';
import { cleanUpload } from '@newsroom/media';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callGet, render, type SiteUnderTest, startSite, testSiteUrl } from './site';

// Pictures kept by the newsroom on the reader site: <picture> with AVIF, WebP and JPEG sizes,
// the social card, and the variants served from the site's own address through the API.
let site: SiteUnderTest;
let hero: string;
let inline: string[];

async function keep(store: Store, colour: string, width: number, height: number) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
  const picture = await cleanUpload(bytes, { maxPixels: 50_000_000 });
  return (await store.media.put(picture, { uploadedBy: 'Picture desk' })).media.hash;
}

const image = (hash: string, alt: string, width: number, height: number): Image => ({
  src: mediaPath(hash),
  alt,
  caption: null,
  credit: 'Picture desk',
  width,
  height,
});

beforeAll(async () => {
  site = await startSite({
    stories: null,
    seed: async (store) => {
      hero = await keep(store, '#c33', 2400, 1600);
      inline = await Promise.all(
        ['#3c3', '#33c', '#cc3', '#3cc', '#c3c'].map((colour) => keep(store, colour, 800, 600)),
      );
      const body: Block[] = inline.flatMap((hash, index) => [
        { type: 'paragraph', text: `Paragraph ${index + 1} of the story.` },
        { type: 'image', ...image(hash, `Inline picture ${index + 1}`, 800, 600) },
      ]);
      await store.articles.importMany([
        {
          headline: 'Floods reach the capital',
          slug: 'floods-reach-the-capital',
          body,
          heroImage: image(hero, 'Water in the main square', 2400, 1600),
          status: 'published',
          createdAt: '2026-12-01T08:00:00.000Z',
          publishedAt: '2026-12-01T08:00:00.000Z',
        },
      ]);
    },
  });
});
afterAll(() => site.close());

async function articleHtml() {
  const module = await import('../src/pages/articles/[slug].astro');
  const page = await render(site.container, module, '/articles/floods-reach-the-capital', {
    params: { slug: 'floods-reach-the-capital' },
  });
  expect(page.status).toBe(200);
  return page.html;
}

const pictures = (html: string) =>
  [...html.matchAll(/<picture>(.*?)<\/picture>/gs)].map((match) => match[1] ?? '');

describe('a story with pictures kept by the newsroom', () => {
  it('gives every picture AVIF, WebP and JPEG sizes for the column, with its width and height', async () => {
    const html = await articleHtml();
    const [first, ...rest] = pictures(html);
    expect(rest).toHaveLength(5);
    const sizes = '(min-width: 44rem) 42rem, 100vw';
    const set = (hash: string, widths: number[], format: string) =>
      widths.map((width) => `/media/${hash}/${width}.${format} ${width}w`).join(', ');
    const heroWidths = [320, 640, 960, 1280, 1920];
    expect(first).toContain(
      `<source type="image/avif" srcset="${set(hero, heroWidths, 'avif')}" sizes="${sizes}">`,
    );
    expect(first).toContain(
      `<source type="image/webp" srcset="${set(hero, heroWidths, 'webp')}" sizes="${sizes}">`,
    );
    expect(first).toContain(
      `<img src="/media/${hero}/960.jpg" srcset="${set(hero, heroWidths, 'jpg')}" sizes="${sizes}" alt="Water in the main square" width="2400" height="1600" loading="eager" decoding="async" fetchpriority="high">`,
    );
    rest.forEach((markup, index) => {
      const hash = inline[index] ?? '';
      expect(markup).toContain(`srcset="${set(hash, [320, 640, 800], 'avif')}"`);
      expect(markup).toContain(`alt="Inline picture ${index + 1}" width="800" height="600" loading="lazy"`);
      expect(markup).not.toContain('fetchpriority');
    });
  });

  it('shows social networks the 1200×630 card cut around the focal point', async () => {
    const html = await articleHtml();
    const card = `${testSiteUrl}/media/${hero}/card.jpg`;
    expect(html).toContain(`<meta property="og:image" content="${card}">`);
    expect(html).toContain('<meta property="og:image:width" content="1200">');
    expect(html).toContain('<meta property="og:image:height" content="630">');
    expect(html).toContain(`<meta name="twitter:image" content="${card}">`);
  });
});

describe('/media/<hash>/<variant> on the site', () => {
  const route = () => import('../src/pages/media/[hash]/[name].ts');

  it('serves a variant with the API’s type and caching, and a 304 to a browser that has it', async () => {
    const answer = await callGet(await route(), `/media/${hero}/640.avif`, { hash: hero, name: '640.avif' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/avif');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    const made = await sharp(Buffer.from(await answer.arrayBuffer())).metadata();
    expect([made.format, made.width, made.height]).toEqual(['heif', 640, 427]);
  });

  it('passes on the card’s redirect, and answers 404 for a name or picture it does not have', async () => {
    const card = await callGet(await route(), `/media/${hero}/card.jpg`, { hash: hero, name: 'card.jpg' });
    expect(card.status).toBe(307);
    expect(card.headers.get('location')).toBe(`/media/${hero}/card-500-500.jpg`);
    for (const [hash, name] of [
      [hero, '641.avif'],
      [hero, '../../article.list'],
      ['0'.repeat(64), '640.avif'],
      ['not-a-hash', '640.avif'],
    ] as const) {
      const answer = await callGet(await route(), `/media/${hash}/${name}`, { hash, name });
      expect(answer.status, `${hash}/${name}`).toBe(404);
    }
  });
});
