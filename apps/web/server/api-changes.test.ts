import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followApiChanges } from './api-changes.ts';

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
 * An API stand-in whose /changes stream the test drives. While `down`, it hangs up on every
 * connection before answering, as an API that is still starting looks to a client.
 */
async function fakeApi({ down = false } = {}) {
  const streams: ServerResponse[] = [];
  const connections = counter();
  const refused = counter();
  const hungUp = counter();
  const server = createServer((req, res) => {
    if (req.url !== '/changes') return void res.writeHead(404).end();
    connections.add();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: ready\ndata: {}\n\n');
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
    change: () => {
      for (const res of streams) if (!res.destroyed) res.write('event: change\ndata: {}\n\n');
    },
    drop: () => {
      for (const res of streams.splice(0)) res.destroy();
    },
  };
}

describe('following the API’s changes', () => {
  it('reports the connection and every change, and reconnects after a drop', async () => {
    const api = await fakeApi();
    const changes = counter();
    cleanups.push(followApiChanges(api.url, changes.add));
    await changes.reached(1);
    api.change();
    api.change();
    await changes.reached(3);

    api.drop();
    // Reconnected: whatever happened meanwhile counts as a change.
    await api.connections.reached(2);
    await changes.reached(4);
    api.change();
    await changes.reached(5);
    expect(changes.value).toBe(5);
  });

  it('waits quietly for an API that is still starting, and reports a stream it had and lost', async () => {
    const api = await fakeApi({ down: true });
    const changes = counter();
    const lost: unknown[] = [];
    cleanups.push(followApiChanges(api.url, changes.add, { onConnectionLost: (error) => lost.push(error) }));
    await api.refused.reached(2);
    expect(lost).toEqual([]);

    api.up();
    await changes.reached(1);
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
        followApiChanges(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, () => {}, {
          onConnectionLost: resolve,
        }),
      );
    });
    expect(String(await reported)).toContain('GET /changes answered 503');
  });

  it('stops when told: it hangs up, and once stopped nothing more reaches it', async () => {
    const api = await fakeApi();
    const changes = counter();
    const stop = followApiChanges(api.url, changes.add);
    await changes.reached(1);
    await stop();
    await api.hungUp.reached(1);
    api.change();
    expect(changes.value).toBe(1);
    expect(api.connections.value).toBe(1);
  });
});
