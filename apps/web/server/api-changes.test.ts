import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { followApiChanges } from './api-changes.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function eventually(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

/** An API stand-in whose /changes stream the test drives. */
async function fakeApi() {
  const streams: ServerResponse[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/changes') return void res.writeHead(404).end();
    connections++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('event: ready\ndata: {}\n\n');
    streams.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise((resolve) => server.close(resolve)),
    () => server.closeAllConnections(),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    change: () => {
      for (const res of streams) res.write('event: change\ndata: {}\n\n');
    },
    drop: () => {
      for (const res of streams.splice(0)) res.destroy();
    },
  };
}

describe('following the API’s changes', () => {
  it('reports the connection and every change, and reconnects after a drop', async () => {
    const api = await fakeApi();
    let changes = 0;
    const stop = followApiChanges(api.url, () => {
      changes++;
    });
    cleanups.push(stop);
    expect(await eventually(() => changes === 1)).toBe(true);
    api.change();
    api.change();
    expect(await eventually(() => changes === 3)).toBe(true);

    api.drop();
    // Reconnected: whatever happened meanwhile counts as a change.
    expect(await eventually(() => api.connections() === 2 && changes === 4)).toBe(true);
    api.change();
    expect(await eventually(() => changes === 5)).toBe(true);
  });

  it('stops when told', async () => {
    const api = await fakeApi();
    let changes = 0;
    const stop = followApiChanges(api.url, () => {
      changes++;
    });
    expect(await eventually(() => changes === 1)).toBe(true);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    api.change();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changes).toBe(1);
  });
});
