import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followApiEvents } from './api-events.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A count that a test can wait on: `reached(n)` resolves once it is n or more. */
function counter() {
  let value = 0;
  const waiting: { target: number; resolve: () => void }[] = [];
  return {
    get value() {
      return value;
    },
    add() {
      value++;
      for (const waiter of waiting.filter((w) => value >= w.target)) waiter.resolve();
    },
    reached(target: number): Promise<void> {
      if (value >= target) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ target, resolve }));
    },
  };
}

/**
 * An API stand-in whose /events stream the test drives: it numbers the events it sends, and
 * resumes after the Last-Event-ID a client sends (refusing an id it never sent). While `down`,
 * it hangs up on every connection before answering, as an API that is still starting looks.
 */
async function fakeApi({ down = false } = {}) {
  const streams: ServerResponse[] = [];
  const sent: string[] = [];
  const resumedFrom: (string | null)[] = [];
  const connections = counter();
  const refused = counter();
  const hungUp = counter();
  const block = (index: number) =>
    `id: ${index + 1}\nevent: article.published\ndata: ${JSON.stringify({ cacheKeys: [sent[index]] })}\n\n`;
  const server = createServer((req, res) => {
    if (req.url !== '/events') return void res.writeHead(404).end();
    const last = req.headers['last-event-id'];
    resumedFrom.push(typeof last === 'string' ? last : null);
    if (typeof last === 'string' && !(Number(last) >= 1 && Number(last) <= sent.length))
      return void res.writeHead(400).end();
    connections.add();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('retry: 1000\n\n');
    // What the client missed since the id it gave.
    if (typeof last === 'string') for (let i = Number(last); i < sent.length; i++) res.write(block(i));
    res.on('close', () => hungUp.add());
    streams.push(res);
  });
  server.on('connection', (socket) => {
    if (!down) return;
    refused.add();
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise((resolve) => server.close(resolve)),
    () => server.closeAllConnections(),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    refused,
    /** How many followers have hung up their stream. */
    hungUp,
    up: () => {
      down = false;
    },
    resumedFrom,
    /** An event naming `key`, sent to every open stream (or kept for the next resume). */
    publish: (key: string) => {
      sent.push(key);
      for (const res of streams) if (!res.destroyed) res.write(block(sent.length - 1));
    },
    garbled: () => {
      sent.push('');
      for (const res of streams) if (!res.destroyed) res.write(`id: ${sent.length}\ndata: not json\n\n`);
    },
    drop: () => {
      for (const res of streams.splice(0)) res.destroy();
    },
    /** Forgets every event: a resume is then refused, as by an API on another database. */
    forget: () => {
      sent.length = 0;
    },
  };
}

/** A follower's record: the keys it was handed, and how many fresh starts. */
function recorder() {
  const keys: string[] = [];
  const events = counter();
  const fresh = counter();
  return {
    keys,
    events,
    fresh,
    handlers: {
      onEvent: (eventKeys: string[]) => {
        keys.push(...eventKeys);
        events.add();
      },
      onFresh: () => fresh.add(),
    },
  };
}

describe('following the API’s events', () => {
  it('hands on the keys of every event, and resumes after a drop from the last one it had, missing none', async () => {
    const api = await fakeApi();
    const seen = recorder();
    cleanups.push(followApiEvents(api.url, seen.handlers));
    await seen.fresh.reached(1);
    api.publish('article:1');
    api.publish('front');
    await seen.events.reached(2);

    api.drop();
    api.publish('article:2');
    await api.connections.reached(2);
    await seen.events.reached(3);
    api.publish('article:3');
    await seen.events.reached(4);
    expect(seen.keys).toEqual(['article:1', 'front', 'article:2', 'article:3']);
    expect(api.resumedFrom).toEqual([null, '2']);
    // Resumed, not started afresh: nothing kept needs to go.
    expect(seen.fresh.value).toBe(1);
  });

  it('starts afresh, saying so, when the API cannot resume from its last event or sends one it cannot read', async () => {
    const api = await fakeApi();
    const seen = recorder();
    cleanups.push(followApiEvents(api.url, seen.handlers));
    await seen.fresh.reached(1);
    api.publish('article:1');
    await seen.events.reached(1);
    api.garbled();
    await seen.fresh.reached(2);
    api.forget();
    api.drop();
    await seen.fresh.reached(3);
    expect(api.resumedFrom.slice(-2)).toEqual(['2', null]);
  });

  it('waits quietly for an API that is still starting, and reports a stream it had and lost', async () => {
    const api = await fakeApi({ down: true });
    const seen = recorder();
    const lost: unknown[] = [];
    cleanups.push(followApiEvents(api.url, seen.handlers, { onConnectionLost: (error) => lost.push(error) }));
    await api.refused.reached(2);
    expect(lost).toEqual([]);

    api.up();
    await seen.fresh.reached(1);
    expect(lost).toEqual([]);
    api.drop();
    await api.connections.reached(2);
    expect(lost).toHaveLength(1);
  });

  it('reports an API that answers with something other than the stream, from the first try', async () => {
    const server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const reported = new Promise<unknown>((resolve) => {
      cleanups.push(
        followApiEvents(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, recorder().handlers, {
          onConnectionLost: resolve,
        }),
      );
    });
    expect(String(await reported)).toContain('GET /events answered 503');
  });

  it('stops when told: it hangs up, and once stopped nothing more reaches it', async () => {
    const api = await fakeApi();
    const seen = recorder();
    const stop = followApiEvents(api.url, seen.handlers);
    await seen.fresh.reached(1);
    await stop();
    await api.hungUp.reached(1);
    api.publish('article:1');
    expect(seen.events.value).toBe(0);
    expect(api.connections.value).toBe(1);
  });
});
