import { openStore, type Store } from '@newsroom/db';
import { pngClaiming } from '@newsroom/media/testing';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiConfig } from '../config.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

let store: Store;
let api: TestApi;
let editor: string;

async function start(config: Partial<ApiConfig> = {}) {
  api = await startTestApi(store, config);
}

beforeEach(async () => {
  store = await openStore(':memory:');
  editor = (await store.tokens.create({ name: 'Picture desk', role: 'editor' })).token;
});
afterEach(async () => {
  await api?.close();
  await store.close();
});

function upload(
  bytes: Uint8Array,
  options: { token?: string | null; field?: string; filename?: string } = {},
) {
  const form = new FormData();
  form.set(options.field ?? 'file', new Blob([bytes]), options.filename ?? 'photo.jpg');
  const token = options.token === undefined ? editor : options.token;
  return fetch(`${api.url}/media`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function refusal(response: Response) {
  const body = (await response.json()) as { error: { message: string } };
  return { status: response.status, message: body.error.message };
}

const photo = (width = 1000, height = 750) =>
  sharp({ create: { width, height, channels: 3, background: '#4a7' } })
    .composite([
      { input: { create: { width: width / 2, height, channels: 3, background: '#a47' } }, left: 0, top: 0 },
    ])
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toBuffer();

describe('POST /media', () => {
  it('keeps an upload once, without its metadata, and answers with its size and the addresses of its variants', async () => {
    await start();
    const bytes = await photo();
    const first = await upload(bytes);
    expect(first.status).toBe(201);
    const body = (await first.json()) as Record<string, unknown> & { variants: { url: string }[] };
    expect(body).toMatchObject({
      id: body.hash,
      format: 'jpeg',
      width: 1000,
      height: 750,
      uploadedBy: 'Picture desk',
    });
    expect(body.variants).toContainEqual({
      url: `/media/${body.hash}/640.avif`,
      contentType: 'image/avif',
      width: 640,
      height: 480,
    });
    expect(body.variants).toContainEqual({
      url: `/media/${body.hash}/1000.jpg`,
      contentType: 'image/jpeg',
      width: 1000,
      height: 750,
    });
    expect(body.variants).toContainEqual({
      url: `/media/${body.hash}/card-500-500.jpg`,
      contentType: 'image/jpeg',
      width: 1200,
      height: 630,
    });
    const kept = await store.media.original(String(body.hash));
    expect((await sharp(kept?.bytes).metadata()).exif).toBeUndefined();

    const again = await upload(bytes, { filename: 'same-photo-again.jpg' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(body.id);
    expect((await store.media.list({})).items).toHaveLength(1);
    const audit = await store.audit.list({ action: 'media.upload', limit: 10 });
    expect(audit.items.map((entry) => [entry.objectId, entry.actor.name])).toEqual([
      [body.hash, 'Picture desk'],
    ]);
  });

  it('refuses what is not a picture, a damaged one and a decompression bomb, storing nothing', async () => {
    await start();
    const jpeg = await photo();
    const cases: [Uint8Array, number, string][] = [
      [
        Buffer.from('Not a photo at all, only words.\n'.repeat(10)),
        415,
        'This file is not a JPEG, PNG, WebP, AVIF or GIF picture.',
      ],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        415,
        'This file is not a JPEG, PNG, WebP, AVIF or GIF picture.',
      ],
      [jpeg.subarray(0, Math.floor(jpeg.length / 2)), 422, 'This JPEG file is damaged or incomplete.'],
      [
        pngClaiming(30_000, 30_000),
        413,
        'This picture is 30000 × 30000 pixels; at most 50 megapixels are taken.',
      ],
      [
        Buffer.concat([jpeg, Buffer.from('<html><script>alert(1)</script>')]),
        415,
        'This file holds markup or script as well as a picture.',
      ],
    ];
    for (const [bytes, status, message] of cases) {
      expect(await refusal(await upload(bytes))).toEqual({ status, message });
    }
    expect((await store.media.list({})).items).toEqual([]);
  });

  it('refuses a file over MEDIA_MAX_BYTES, declared or streamed, before keeping any of it', async () => {
    await start({ MEDIA_MAX_BYTES: 20_000 });
    const big = await sharp({
      create: {
        width: 600,
        height: 600,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(40_000);
    const declared = await upload(big);
    expect(await refusal(declared)).toEqual({
      status: 413,
      message: 'This file is larger than 19.5 KB (MEDIA_MAX_BYTES)',
    });

    // Sent in chunks with no length declared: cut off once the file passes the limit.
    const form = new FormData();
    form.set('file', new Blob([big]), 'big.png');
    const encoded = new Response(form);
    const streamed = await fetch(`${api.url}/media`, {
      method: 'POST',
      body: encoded.body,
      duplex: 'half',
      headers: {
        authorization: `Bearer ${editor}`,
        'content-type': encoded.headers.get('content-type') ?? '',
      },
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await store.media.list({})).items).toEqual([]);
  });

  it('is for authors and above, signed in or with a token', async () => {
    await start();
    await store.authors.create({ slug: 'cai-lin', name: 'Cai Lin', bio: null, avatar: null });
    const contributor = await store.tokens.create({
      name: 'Stringer',
      role: 'contributor',
      authorSlug: 'cai-lin',
    });
    const author = await store.tokens.create({ name: 'Reporter', role: 'author', authorSlug: 'cai-lin' });
    const bytes = await photo(40, 30);
    expect((await refusal(await upload(bytes, { token: null }))).status).toBe(401);
    expect((await refusal(await upload(bytes, { token: 'nrt_made-up' }))).status).toBe(401);
    expect(await refusal(await upload(bytes, { token: contributor.token }))).toEqual({
      status: 403,
      message: 'Uploading pictures needs the author role or above',
    });
    expect((await upload(bytes, { token: author.token })).status).toBe(201);
  });

  it('asks for multipart form data with a field named file', async () => {
    await start();
    const json = await fetch(`${api.url}/media`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
    });
    expect(await refusal(json)).toEqual({
      status: 415,
      message: 'Send the picture as multipart/form-data, in a field named "file"',
    });
    expect(await refusal(await upload(await photo(40, 30), { field: 'picture' }))).toEqual({
      status: 400,
      message: 'Send the picture in a field named "file"',
    });
  });
});
