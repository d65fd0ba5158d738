import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBodyBytes } from './refused-requests.ts';
import { createSiteServer, type SiteServer } from './site-server.ts';

// Requests no reader's browser sends: other methods, posts too long or of no stated length,
// and senders too slow. The site refuses each with a page that says so, without calling Astro.

const headersTimeoutMs = 1_000;
const requestTimeoutMs = 2_000;

let astroCalls = 0;
function astro(req: IncomingMessage, res: ServerResponse) {
  astroCalls++;
  req.resume();
  req.on('end', () => {
    res.writeHead(303, { location: '/thanks' });
    res.end();
  });
}

let clientDir: string;
let site: SiteServer;
let port: number;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'newsroom-client-'));
  site = createSiteServer({ astro, clientDir, pageCacheMb: 0, headersTimeoutMs, requestTimeoutMs });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  port = (site.server.address() as { port: number }).port;
});
afterAll(async () => {
  site.stop();
  site.server.closeAllConnections();
  await new Promise((resolve) => site.server.close(resolve));
  rmSync(clientDir, { recursive: true, force: true });
});

/**
 * Sends `request` as raw bytes and gives back everything the site answered before it closed.
 * With `trickleEveryMs`, what follows its first `trickleFrom` characters goes two at a time.
 */
function exchange(
  request: string,
  options: { trickleEveryMs?: number; trickleFrom?: number } = {},
): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    if (!options.trickleEveryMs) return void socket.write(request);
    let at = options.trickleFrom ?? 0;
    socket.write(request.slice(0, at));
    const timer = setInterval(() => {
      if (socket.destroyed || at >= request.length) return clearInterval(timer);
      socket.write(request.slice(at, at + 2));
      at += 2;
    }, options.trickleEveryMs);
  });
}

const statusOf = (answer: string) => Number(answer.slice(9, 12));

describe('the site refuses', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])(
    '%s with a 405 naming the methods it takes',
    async (method) => {
      const calls = astroCalls;
      const answer = await exchange(`${method} /articles/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer)).toBe(405);
      expect(answer).toMatch(/\r\nallow: GET, HEAD, POST\r\n/i);
      expect(answer).toMatch(/\r\ncontent-security-policy: /i);
      expect(answer).toContain('<h1>Not allowed</h1>');
      expect(astroCalls).toBe(calls);
    },
  );

  it('a post longer than it accepts with a 413, without reading it', async () => {
    const calls = astroCalls;
    // Declares far more than it sends: the answer must come without waiting for the rest.
    const answer = await exchange(
      `POST /articles/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${maxBodyBytes + 1}\r\n\r\nbody=`,
    );
    expect(statusOf(answer)).toBe(413);
    expect(answer).toContain('more than this site accepts');
    expect(astroCalls).toBe(calls);
  });

  it('a post that does not say its length with a 411', async () => {
    const answer = await exchange(
      'POST /articles/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nbody=\r\n0\r\n\r\n',
    );
    expect(statusOf(answer)).toBe(411);
  });

  it('a sender whose headers come too slowly with a 408 page', async () => {
    const answer = await exchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`, {
      trickleEveryMs: 100,
    });
    expect(statusOf(answer)).toBe(408);
    expect(answer).toContain('took too long to arrive');
  });

  it('a post whose body comes too slowly with a 408, before Astro has all of it', async () => {
    const body = `displayName=Reader&body=${'Slow+words+'.repeat(20)}`;
    const head = `POST /articles/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await exchange(`${head}${body}`, { trickleEveryMs: 150, trickleFrom: head.length });
    expect(statusOf(answer)).toBe(408);
  });

  it('nothing a reader sends: a post of the right size reaches Astro', async () => {
    const calls = astroCalls;
    const body = `body=${'a'.repeat(maxBodyBytes - 5)}`;
    const answer = await exchange(
      `POST /articles/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(statusOf(answer)).toBe(303);
    expect(astroCalls).toBe(calls + 1);
  });
});
