import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@newsroom/db';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { mediaPath } from '@newsroom/domain';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createImportCommand, type ImportReport } from './commands/import.js';
import { runCaptured } from './testing/run-captured.js';

let dir: string;
let env: Record<string, string>;
let server: PictureServer;

/** A blue 64 × 48 PNG, a JPEG stored 40 × 30 but shown turned a quarter (EXIF orientation 6), and noise. */
const pictures = { harbour: Buffer.alloc(0), sideways: Buffer.alloc(0), noise: Buffer.alloc(0) };

beforeAll(async () => {
  pictures.harbour = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6f97' } })
    .png()
    .toBuffer();
  pictures.sideways = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#d62828' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
  pictures.noise = await sharp(randomBytes(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } })
    .png()
    .toBuffer();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-pictures-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}`, NEWSROOM_FETCH_PRIVATE: 'allow' };
  server = await servePictures();
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCaptured(argv, env);

async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(env.DATABASE_URL as string);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A Markdown story in the test's directory, with a hero image and a body of pictures. */
function story(name: string, hero: { src: string; alt?: string; credit?: string } | null, body: string[]) {
  const image = hero
    ? `image:\n  src: ${hero.src}\n${hero.alt ? `  alt: ${hero.alt}\n` : ''}${hero.credit ? `  credit: ${hero.credit}\n` : ''}`
    : '';
  const path = join(dir, `${name}.md`);
  writeFileSync(
    path,
    `---\ntitle: ${name}\n${image}---\n\nThe harbour master spoke.\n\n${body.join('\n\n')}\n`,
  );
  return path;
}

interface PictureServer {
  url: (path: string) => string;
  /** Requests made for a path so far. */
  requests: (path: string) => number;
  /** Most requests in flight at once. */
  mostAtOnce: () => number;
  /** Bytes the endless picture sent before its reader hung up, once it has. */
  endless: { sent: number; closed: boolean };
  close: () => Promise<void>;
}

/** Pictures, and files that only claim to be, on 127.0.0.1 at a free port. */
async function servePictures(): Promise<PictureServer> {
  const counts = new Map<string, number>();
  let inFlight = 0;
  let most = 0;
  const endless = { sent: 0, closed: false };
  const send = (response: ServerResponse, type: string, bytes: Buffer) => {
    response.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
    response.end(bytes);
  };
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    '/harbour.png': (_, response) => send(response, 'image/png', pictures.harbour),
    '/sideways.jpg': (_, response) => send(response, 'image/jpeg', pictures.sideways),
    '/notes.jpg': (_, response) =>
      send(response, 'image/jpeg', Buffer.from('Notes from the harbour, not a picture at all.\n')),
    '/noise.png': (_, response) => send(response, 'image/png', pictures.noise),
    // No length declared, and no end: only a reader that counts what it reads ever stops.
    '/endless.png': (_, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.on('close', () => {
        endless.closed = true;
      });
      const more = () => {
        if (response.destroyed) return;
        response.write(randomBytes(4_096));
        endless.sent += 4_096;
        setTimeout(more, 2);
      };
      more();
    },
    // Never answers.
    '/slow.png': () => {},
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    inFlight += 1;
    most = Math.max(most, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    const route = routes[path];
    if (route) return route(request, response);
    const numbered = /^\/picture-(\d+)\.png$/.exec(path);
    if (numbered) {
      // Distinct pictures, each a moment late, so downloads overlap as much as they are let.
      const colour = `#${Number(numbered[1]).toString(16).padStart(6, '0')}`;
      void sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
        .png()
        .toBuffer()
        .then((bytes) => setTimeout(() => send(response, 'image/png', bytes), 40));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: (path) => counts.get(path) ?? 0,
    mostAtOnce: () => most,
    endless,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Two stories sharing both their pictures: each is fetched once, kept once (upright, without its
 * metadata) and named by its /media address and real size; a second run fetches nothing.
 */
async function keepsEachPictureOnce(): Promise<void> {
  const harbour = server.url('/harbour.png');
  const sideways = server.url('/sideways.jpg');
  const first = story(
    'Harbour lights return',
    { src: harbour, alt: 'The harbour at dawn', credit: 'Wire Photo' },
    [`![The harbour](${harbour})`, `![A red sail](${sideways} "The sail, turned upright")`],
  );
  const second = story('Sails in the harbour', { src: sideways, alt: 'A red sail' }, [
    `![Boats](${harbour})`,
  ]);

  const result = await cli('import', '--fetch-images', first, second);
  expect(result.lines).toEqual([
    'created harbour-lights-return',
    'created sails-in-the-harbour',
    '2 created, 0 updated, 0 skipped, 0 failed; pictures: 2 fetched, 0 failed (kept at their outside address)',
  ]);
  expect(result.code).toBe(0);
  // The copy gave no sizes; the kept pictures have theirs, so ingest's guess is not reported.
  expect(result.err).toBe('');
  expect(server.requests('/harbour.png')).toBe(1);
  expect(server.requests('/sideways.jpg')).toBe(1);

  await withStore(async (store) => {
    const library = (await store.media.list({})).items;
    expect(library).toHaveLength(2);
    const blue = library.find((media) => media.format === 'png');
    const red = library.find((media) => media.format === 'jpeg');
    // The library takes the first description the copy gives of each picture.
    expect(blue).toMatchObject({
      width: 64,
      height: 48,
      alt: 'The harbour at dawn',
      credit: 'Wire Photo',
      uploadedBy: 'newsroom import',
    });
    // Orientation applied: stored 40 × 30, shown 30 × 40.
    expect(red).toMatchObject({
      width: 30,
      height: 40,
      alt: 'A red sail',
      caption: 'The sail, turned upright',
    });
    const kept = await store.media.original(red?.hash ?? '');
    expect((await sharp(kept?.bytes).metadata()).orientation).toBeUndefined();

    const bluePath = mediaPath(blue?.hash ?? '');
    const redPath = mediaPath(red?.hash ?? '');
    const lights = await store.articles.bySlug('harbour-lights-return', { status: 'any' });
    expect(lights?.heroImage).toEqual({
      src: bluePath,
      alt: 'The harbour at dawn',
      caption: null,
      credit: 'Wire Photo',
      width: 64,
      height: 48,
    });
    expect(lights?.body.filter((block) => block.type === 'image')).toEqual([
      {
        type: 'image',
        src: bluePath,
        alt: 'The harbour',
        caption: null,
        credit: null,
        width: 64,
        height: 48,
      },
      {
        type: 'image',
        src: redPath,
        alt: 'A red sail',
        caption: 'The sail, turned upright',
        credit: null,
        width: 30,
        height: 40,
      },
    ]);
    const sails = await store.articles.bySlug('sails-in-the-harbour', { status: 'any' });
    expect(sails?.heroImage).toMatchObject({ src: redPath, width: 30, height: 40 });
    expect(sails?.body).toContainEqual(expect.objectContaining({ src: bluePath, width: 64, height: 48 }));
    expect((await store.media.usage(blue?.hash ?? '')).map((use) => use.slug).sort()).toEqual([
      'harbour-lights-return',
      'sails-in-the-harbour',
    ]);

    const uploads = await store.audit.list({ action: 'media.upload', limit: 10 });
    expect(uploads.items).toHaveLength(2);
    expect(uploads.items.every((entry) => entry.actor.name === 'newsroom import')).toBe(true);
  });

  // Nothing changed: both stories are skipped, and no picture is downloaded again.
  const again = await cli('import', '--fetch-images', first, second);
  expect(again.lines.at(-1)).toBe(
    '0 created, 0 updated, 2 skipped, 0 failed; pictures: 0 fetched, 0 failed (kept at their outside address)',
  );
  expect(server.requests('/harbour.png')).toBe(1);
  expect(server.requests('/sideways.jpg')).toBe(1);
}

describe('newsroom import --fetch-images', () => {
  it('keeps each picture once, however many stories use it, and points them at it', keepsEachPictureOnce);

  it('refuses a private address without NEWSROOM_FETCH_PRIVATE=allow, and keeps the story with its outside address', async () => {
    delete env.NEWSROOM_FETCH_PRIVATE;
    const harbour = server.url('/harbour.png');
    const path = story('Harbour lights return', { src: harbour, alt: 'The harbour' }, []);

    const result = await cli('import', '--fetch-images', '--json', path);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report.summary).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(report.pictures).toEqual({ fetched: 0, failed: 1 });
    expect(report.items[0]?.warnings).toContain(
      `picture ${harbour} kept at its outside address: refused: 127.0.0.1 is a private or loopback address; set NEWSROOM_FETCH_PRIVATE=allow to fetch from your own network`,
    );
    expect(server.requests('/harbour.png')).toBe(0);
    await withStore(async (store) => {
      const article = await store.articles.bySlug('harbour-lights-return', { status: 'any' });
      expect(article?.heroImage).toMatchObject({ src: harbour, width: 1200, height: 800 });
      expect((await store.media.list({})).items).toEqual([]);
    });
  });

  it('refuses what is not a picture, is too large or is not there, one warning line each, and keeps the rest', async () => {
    env.MEDIA_MAX_BYTES = '2048';
    const url = (path: string) => server.url(path);
    const first = story('Harbour lights return', null, [
      `![Notes](${url('/notes.jpg')})`,
      `![Noise](${url('/noise.png')})`,
      `![Endless](${url('/endless.png')})`,
      `![Gone](${url('/gone.png')})`,
      `![The harbour](${url('/harbour.png')})`,
    ]);
    const second = story('Sails in the harbour', { src: url('/notes.jpg') }, []);

    const result = await cli('import', '--fetch-images', first, second);
    expect(result.lines).toEqual([
      'created harbour-lights-return',
      'created sails-in-the-harbour',
      '2 created, 0 updated, 0 skipped, 0 failed; pictures: 1 fetched, 4 failed (kept at their outside address)',
    ]);
    expect(result.code).toBe(0);
    const why = (path: string, reason: string) =>
      `picture ${url(path)} kept at its outside address: ${reason}`;
    expect(result.err.split('\n').sort()).toEqual(
      [
        `warning ${first}: ${why('/notes.jpg', 'this file is not a JPEG, PNG, WebP, AVIF or GIF picture')}`,
        `warning ${first}: ${why('/noise.png', 'larger than 2 KB (MEDIA_MAX_BYTES)')}`,
        `warning ${first}: ${why('/endless.png', 'larger than 2 KB (MEDIA_MAX_BYTES)')}`,
        `warning ${first}: ${why('/gone.png', 'the server answered 404 Not Found')}`,
        `warning ${second}: ${why('/notes.jpg', 'this file is not a JPEG, PNG, WebP, AVIF or GIF picture')}`,
        // Ingest's own warnings stand for the pictures left outside: their size is still a guess.
        ...['/notes.jpg', '/noise.png', '/endless.png', '/gone.png'].map(
          (path) => `warning ${first}: image ${url(path)}: size unknown, set to 1200×800`,
        ),
        `warning ${second}: hero image ${url('/notes.jpg')}: size unknown, set to 1200×800`,
      ].sort(),
    );
    expect(server.requests('/notes.jpg')).toBe(1);
    // The endless download was cut off soon after the limit, not read on.
    expect(server.endless.closed).toBe(true);
    expect(server.endless.sent).toBeLessThan(1024 * 1024);

    await withStore(async (store) => {
      expect((await store.media.list({})).items.map((media) => media.width)).toEqual([64]);
      const lights = await store.articles.bySlug('harbour-lights-return', { status: 'any' });
      expect(lights?.body.filter((block) => block.type === 'image').map((block) => block.src)).toEqual([
        url('/notes.jpg'),
        url('/noise.png'),
        url('/endless.png'),
        url('/gone.png'),
        expect.stringMatching(/^\/media\/[0-9a-f]{64}$/),
      ]);
    });
  });

  it('gives up on a picture that takes too long, and downloads a few at a time', async () => {
    const store = await openStore(':memory:');
    const err: string[] = [];
    try {
      const numbered = Array.from(
        { length: 8 },
        (_, i) => `![Picture ${i}](${server.url(`/picture-${i + 1}.png`)})`,
      );
      const path = story('Harbour lights return', { src: server.url('/slow.png') }, numbered);
      const command = createImportCommand({ limits: { pictureTimeoutMs: 500 } });
      const action = command.prepare({ values: { 'fetch-images': true }, positionals: [path] });
      const code = await action({
        store,
        io: { out: () => {}, err: (l) => err.push(l) },
        allowPrivateNetworks: true,
      });
      expect(code).toBe(0);
      expect((await store.media.list({ limit: 20 })).items).toHaveLength(8);
    } finally {
      await store.close();
    }
    expect(err).toContain(
      `warning ${join(dir, 'Harbour lights return.md')}: picture ${server.url('/slow.png')} kept at its outside address: no complete answer within 0.5 s`,
    );
    expect(server.mostAtOnce()).toBeGreaterThan(1);
    expect(server.mostAtOnce()).toBeLessThanOrEqual(3);
  });

  it('fetches the pictures of a story its changed copy updates, and none of a story skipped', async () => {
    const harbour = server.url('/harbour.png');
    const sideways = server.url('/sideways.jpg');
    const changing = join(dir, 'harbour.md');
    const copy = (text: string) =>
      `---\nid: harbour-42\ntitle: Harbour lights return\nimage: ${harbour}\n---\n\n${text}\n`;
    writeFileSync(changing, copy('The lights came back on.'));
    const steady = story('Sails in the harbour', { src: sideways }, []);
    expect((await cli('import', changing, steady)).code).toBe(0);
    writeFileSync(changing, copy('The lights came back on, all of them.'));

    const result = await cli('import', '--fetch-images', changing, steady);
    expect(result.lines).toEqual([
      'updated harbour-lights-return',
      'skipped sails-in-the-harbour: unchanged',
      '0 created, 1 updated, 1 skipped, 0 failed; pictures: 1 fetched, 0 failed (kept at their outside address)',
    ]);
    expect(server.requests('/harbour.png')).toBe(1);
    expect(server.requests('/sideways.jpg')).toBe(0);
    await withStore(async (store) => {
      const lights = await store.articles.bySlug('harbour-lights-return', { status: 'any' });
      expect(lights?.heroImage?.src).toMatch(/^\/media\/[0-9a-f]{64}$/);
      const sails = await store.articles.bySlug('sails-in-the-harbour', { status: 'any' });
      expect(sails?.heroImage?.src).toBe(sideways);
      expect((await store.media.list({})).items).toHaveLength(1);
    });
  });

  it('fetches and checks pictures in a dry run, and keeps nothing', async () => {
    const path = story('Harbour lights return', { src: server.url('/harbour.png') }, []);
    const result = await cli('import', '--dry-run', '--fetch-images', path);
    expect(result.lines.at(-1)).toBe(
      '1 created, 0 updated, 0 skipped, 0 failed; pictures: 1 fetched, 0 failed (kept at their outside address) (dry run: nothing was written)',
    );
    expect(server.requests('/harbour.png')).toBe(1);
    await withStore(async (store) => {
      expect(await store.articleCount()).toBe(0);
      expect((await store.media.list({})).items).toEqual([]);
    });
  });

  it('refuses a value given to the flag, and a wrong MEDIA_MAX_BYTES, before opening the database', async () => {
    const path = story('Harbour lights return', null, []);
    const given = await cli('import', '--fetch-images=yes', path);
    expect(given.code).toBe(2);
    expect(given.err).toMatch(/^import: .*--fetch-images/);
    expect(given.err).not.toContain('\n');

    env.MEDIA_MAX_BYTES = 'lots';
    const wrong = await cli('import', '--fetch-images', path);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^Invalid configuration: MEDIA_MAX_BYTES: /);
    expect(existsSync(join(dir, 'newsroom.db'))).toBe(false);
  });
});

describeOnServer('newsroom import --fetch-images', (serverUrl) => {
  it('keeps each picture once and points the stories at it on PostgreSQL', async () => {
    env.DATABASE_URL = await freshServerDatabase(serverUrl, 'newsroom_test_cli_import_pictures');
    await keepsEachPictureOnce();
  });
});
