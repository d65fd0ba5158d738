import { openStore, type Store } from '@newsroom/db';
import { cleanUpload } from '@newsroom/media';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { storeWith } from '../testing/store-with.js';

let store: Store;
let api: TestApi;
let hash: string;
let encodings: number;
let lookups: number;

beforeEach(async () => {
  store = await openStore(':memory:');
  const bytes = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#36c' } })
    .jpeg()
    .toBuffer();
  const picture = await cleanUpload(bytes, { maxPixels: 50_000_000 });
  hash = (await store.media.put(picture, { uploadedBy: 'Picture desk' })).media.hash;
  encodings = 0;
  lookups = 0;
  const counting = storeWith(store, {
    media: {
      byHash: (hash: string) => {
        lookups += 1;
        return store.media.byHash(hash);
      },
      putVariant: (...args: Parameters<Store['media']['putVariant']>) => {
        encodings += 1;
        return store.media.putVariant(...args);
      },
    },
  });
  api = await startTestApi(counting);
});
afterEach(async () => {
  await api.close();
  await store.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers });

describe('GET /media/<hash>/<variant>', () => {
  it.each([
    ['640.avif', 'image/avif', 'heif', 640, 360],
    ['960.webp', 'image/webp', 'webp', 960, 540],
    ['1600.jpg', 'image/jpeg', 'jpeg', 1600, 900],
    ['card-500-500.jpg', 'image/jpeg', 'jpeg', 1200, 630],
    ['square-500-500.webp', 'image/webp', 'webp', 400, 400],
  ])(
    'serves %s with its type, kept by browsers and CDNs for a year',
    async (name, type, format, width, height) => {
      const response = await get(`/media/${hash}/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
      const made = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect([made.format, made.width, made.height]).toEqual([format, width, height]);
    },
  );

  it('makes a variant once for many requests at the same moment, then serves the kept one', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(`/media/${hash}/320.webp`)));
    const bodies = await Promise.all(answers.map(async (answer) => Buffer.from(await answer.arrayBuffer())));
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect(new Set(bodies.map((body) => body.toString('base64'))).size).toBe(1);
    expect(encodings).toBe(1);
    const etag = answers[0]?.headers.get('etag') ?? '';
    const again = await get(`/media/${hash}/320.webp`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(encodings).toBe(1);
  });

  it('answers again from the response cache, without asking the Store', async () => {
    const first = await get(`/media/${hash}/640.jpg`);
    const bytes = Buffer.from(await first.arrayBuffer());
    lookups = 0;
    const again = await get(`/media/${hash}/640.jpg`);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(lookups).toBe(0);
  });

  it('answers 404 for a size, crop or picture it does not have', async () => {
    for (const path of [
      `/media/${hash}/641.webp`,
      `/media/${hash}/1920.webp`,
      `/media/${hash}/640.png`,
      `/media/${hash}/card-250-800.jpg`,
      `/media/${'0'.repeat(64)}/640.webp`,
      '/media/not-a-hash/640.webp',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
    }
    expect(encodings).toBe(0);
  });

  it('moves the crops to a new address when the focal point moves, where card.jpg leads', async () => {
    const before = await fetch(`${api.url}/media/${hash}/card.jpg`, { redirect: 'manual' });
    expect(before.status).toBe(307);
    expect(before.headers.get('location')).toBe(`/media/${hash}/card-500-500.jpg`);
    expect(before.headers.get('cache-control')).toBe('public, max-age=300');
    await store.media.update(hash, { focal: { x: 0.25, y: 0.8 } });
    const after = await fetch(`${api.url}/media/${hash}/square.webp`, { redirect: 'manual' });
    expect(after.headers.get('location')).toBe(`/media/${hash}/square-250-800.webp`);
    expect((await get(`/media/${hash}/card-250-800.jpg`)).status).toBe(200);
    expect((await get(`/media/${hash}/card-500-500.jpg`)).status).toBe(404);
  });
});
