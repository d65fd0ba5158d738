import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from './ingest-error.js';
import { readInput } from './read-input.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ingest-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
};

describe('readInput from a file', () => {
  it('reads UTF-8 text, without the byte-order mark, with the file name', async () => {
    const path = await file('story.txt', '\uFEFFHeadline\n\nCafé “quoted”.\n');
    expect(await readInput(path)).toEqual({
      origin: path,
      name: 'story.txt',
      text: 'Headline\n\nCafé “quoted”.\n',
      mediaType: null,
    });
  });

  it('reads a file: URL', async () => {
    const path = await file('url.md', '# Title');
    const url = pathToFileURL(path).href;
    expect(await readInput(url)).toEqual({ origin: url, name: 'url.md', text: '# Title', mediaType: null });
  });

  it('refuses a missing file', async () => {
    const path = join(dir, 'missing.txt');
    expect(await refusal(readInput(path))).toBe(`${path}: no such file`);
  });

  it('refuses a directory', async () => {
    expect(await refusal(readInput(dir))).toBe(`${dir}: a directory, not a file`);
  });

  it('refuses a path through something that is not a directory', async () => {
    const path = join(await file('plain.txt', 'x'), 'inside.txt');
    expect(await refusal(readInput(path))).toBe(
      `${path}: no such file (part of the path is not a directory)`,
    );
  });

  it('refuses something that is not a regular file', async () => {
    expect(await refusal(readInput('/dev/null'))).toBe('/dev/null: not a regular file');
  });

  it('refuses an empty file, or one of only whitespace', async () => {
    const empty = await file('empty.txt', '');
    const blank = await file('blank.txt', ' \n\t\n');
    const bomOnly = await file('bom.txt', '\uFEFF');
    expect(await refusal(readInput(empty))).toBe(`${empty}: empty`);
    expect(await refusal(readInput(blank))).toBe(`${blank}: empty (only whitespace)`);
    expect(await refusal(readInput(bomOnly))).toBe(`${bomOnly}: empty (only whitespace)`);
  });

  it('refuses a file over maxBytes by its size, before reading it', async () => {
    const path = join(dir, 'huge.txt');
    await writeFile(path, '');
    await truncate(path, 11 * 1024 * 1024);
    expect(await refusal(readInput(path))).toBe(`${path}: 11 MB, over the limit of 10 MB`);
    const small = await file('small.txt', 'x'.repeat(11));
    expect(await refusal(readInput(small, { maxBytes: 10 }))).toBe(
      `${small}: 11 bytes, over the limit of 10 bytes`,
    );
  });

  it('refuses binary data', async () => {
    const path = await file('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]));
    expect(await refusal(readInput(path))).toBe(`${path}: binary data (NUL bytes), not text`);
  });

  it('reads a page in the character set its <meta> declares (Windows-1252)', async () => {
    const page =
      '<!DOCTYPE html><html><head><meta charset="windows-1252"></head><body><p>\u201cCaf\u00e9\u201d \u2013 \u20ac5</p></body></html>';
    const bytes = new Uint8Array(
      [...page].map(
        (ch) => ({ '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96, '\u20ac': 0x80 })[ch] ?? ch.charCodeAt(0),
      ),
    );
    const path = await file('page.html', bytes);
    expect((await readInput(path)).text).toBe(page);
  });

  it('refuses a character set no decoder knows', async () => {
    const path = await file('odd.html', '<html><head><meta charset="klingon-7"></head></html>');
    expect(await refusal(readInput(path))).toBe(
      `${path}: declared in the character set "klingon-7", which cannot be read`,
    );
  });

  it('refuses text that is not UTF-8', async () => {
    const path = await file('latin1.txt', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    expect(await refusal(readInput(path))).toBe(`${path}: not valid UTF-8 text`);
  });

  it('refuses other URL schemes', async () => {
    expect(await refusal(readInput('ftp://example.org/feed.xml'))).toBe(
      'ftp://example.org/feed.xml: only files and http(s) URLs can be read',
    );
  });
});

describe('readInput from a URL (given fetch)', () => {
  const answering =
    (response: () => Response): typeof fetch =>
    async () =>
      response();

  it('reads the body as text, named by the last path segment', async () => {
    const input = await readInput('https://news.example/feeds/world.rss?x=1', {
      fetch: answering(() => new Response('\uFEFF<rss/>', { status: 200 })),
    });
    expect(input).toEqual({
      origin: 'https://news.example/feeds/world.rss?x=1',
      name: 'world.rss',
      text: '<rss/>',
      // A Response made from a string says text/plain.
      mediaType: 'text/plain',
    });
  });

  it('refuses a non-2xx answer', async () => {
    const message = await refusal(
      readInput('https://news.example/gone', {
        fetch: answering(() => new Response('nope', { status: 404, statusText: 'Not Found' })),
      }),
    );
    expect(message).toBe('https://news.example/gone: the server answered 404 Not Found');
  });

  it('refuses an unreachable host', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      });
    };
    expect(await refusal(readInput('https://nowhere.invalid/', { fetch: failing }))).toBe(
      'https://nowhere.invalid/: unreachable (ENOTFOUND)',
    );
  });

  it('refuses when no answer comes within the timeout', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    expect(await refusal(readInput('https://slow.example/', { fetch: hanging, timeoutMs: 30 }))).toBe(
      'https://slow.example/: no complete answer within 0.03 s',
    );
  });

  it('refuses a body over maxBytes while it streams, and stops reading it', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1_000) controller.close();
        else controller.enqueue(new Uint8Array(1024).fill(65));
      },
    });
    const message = await refusal(
      readInput('https://big.example/feed', {
        maxBytes: 10 * 1024,
        fetch: answering(() => new Response(stream)),
      }),
    );
    expect(message).toBe('https://big.example/feed: more than 10 KB, over the limit');
    expect(pulled).toBeLessThan(20);
  });

  it('refuses a body whose declared length is over maxBytes without reading it', async () => {
    const response = new Response('small', { headers: { 'content-length': String(50 * 1024 * 1024) } });
    expect(await refusal(readInput('https://big.example/x', { fetch: answering(() => response) }))).toBe(
      'https://big.example/x: 50 MB, over the limit of 10 MB',
    );
  });

  it('refuses binary and non-UTF-8 bodies', async () => {
    const binary = answering(() => new Response(new Uint8Array([1, 0, 2])));
    const latin1 = answering(() => new Response(new Uint8Array([0xe9])));
    expect(await refusal(readInput('https://x.example/a', { fetch: binary }))).toBe(
      'https://x.example/a: binary data (NUL bytes), not text',
    );
    expect(await refusal(readInput('https://x.example/b', { fetch: latin1 }))).toBe(
      'https://x.example/b: not valid UTF-8 text',
    );
  });
});

// A server on 127.0.0.1 is on the machine's own network: these tests opt in, as an operator
// would with NEWSROOM_FETCH_PRIVATE=allow.
const own = { allowPrivateNetworks: true };

describe('readInput from a real HTTP server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/story.md') {
        response.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
        response.end('# Hello');
      } else if (request.url === '/latin1.html') {
        // ISO-8859-1 bytes, declared only in the HTTP header.
        response.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
        response.end(Buffer.from('<!doctype html><p>Caf\u00e9 M\u00fcller</p>', 'latin1'));
      } else if (request.url === '/agent') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(request.headers['user-agent'] ?? 'none');
      } else if (request.url === '/picture.png') {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end('not text');
      } else if (request.url?.startsWith('/hop/')) {
        const hop = Number(request.url.slice(5));
        response.writeHead(302, { location: hop >= 5 ? '/story.md' : `/hop/${hop + 1}` });
        response.end();
      } else if (request.url === '/stall') {
        response.writeHead(200);
        response.write('partial');
        // …and never ends.
      } else {
        response.writeHead(500, 'Internal Server Error');
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a document', async () => {
    expect(await readInput(`${base}/story.md`, own)).toEqual({
      origin: `${base}/story.md`,
      name: 'story.md',
      text: '# Hello',
      mediaType: 'text/markdown',
    });
  });

  it('reads a page in the character set its server declares', async () => {
    const input = await readInput(`${base}/latin1.html`, own);
    expect(input.text).toBe('<!doctype html><p>Café Müller</p>');
    expect(input.mediaType).toBe('text/html');
  });

  it('names Newsroom in its User-Agent', async () => {
    expect((await readInput(`${base}/agent`, own)).text).toMatch(/^Newsroom-Importer\//);
  });

  it('refuses what is not a page, text or a feed, by its content type', async () => {
    expect(await refusal(readInput(`${base}/picture.png`, own))).toBe(
      `${base}/picture.png: the server sent image/png, not a web page, text or a feed`,
    );
  });

  it('follows five redirects and refuses a sixth, private addresses allowed or not', async () => {
    expect((await readInput(`${base}/hop/1`, own)).text).toBe('# Hello');
    expect(await refusal(readInput(`${base}/hop/0`, own))).toBe(
      `${base}/hop/0: unreachable (more than 5 redirects)`,
    );
  });

  it('refuses a 500', async () => {
    expect(await refusal(readInput(`${base}/broken`, own))).toBe(
      `${base}/broken: the server answered 500 Internal Server Error`,
    );
  });

  it('refuses a body that stops coming, at the timeout', async () => {
    expect(await refusal(readInput(`${base}/stall`, { ...own, timeoutMs: 100 }))).toBe(
      `${base}/stall: no complete answer within 0.1 s`,
    );
  });

  it('refuses a port nobody listens on', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await refusal(readInput(`http://127.0.0.1:${port}/`, own))).toBe(
      `http://127.0.0.1:${port}/: unreachable (ECONNREFUSED)`,
    );
  });

  it('refuses it unless told the newsroom may fetch from its own network, saying how', async () => {
    const hint = 'set NEWSROOM_FETCH_PRIVATE=allow to fetch from your own network';
    expect(await refusal(readInput(`${base}/story.md`))).toBe(
      `${base}/story.md: refused: 127.0.0.1 is a private or loopback address; ${hint}`,
    );
    const named = base.replace('127.0.0.1', 'localhost');
    expect(await refusal(readInput(`${named}/story.md`))).toMatch(
      new RegExp(
        `^${named}/story.md: refused: localhost is at (127\\.0\\.0\\.1|::1), a private or loopback address; `,
      ),
    );
  });
});
