import type { Store } from '@newsroom/db';
import type { FastifyPluginAsync } from 'fastify';

/** Streams a process serves at once; more are answered 503 (each holds a connection open). */
const maxStreams = 200;
/** Comment lines keep idle proxies from closing the connection. */
const keepAliveMs = 25_000;

/**
 * `GET /changes`: Server-Sent Events telling caches in front of the API (the site's page
 * cache) that published content may have changed. `event: ready` when connected (anything
 * may have changed while a client was away), then `event: change` after every write on any
 * API instance (the Store's change notices). Carries no content: only that something changed.
 */
export const changeStream: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const streams = new Set<() => void>();

  app.get('/changes', (request, reply) => {
    if (streams.size >= maxStreams) {
      return reply
        .code(503)
        .header('retry-after', '30')
        .header('cache-control', 'no-store')
        .send({ status: 'unavailable', message: 'Too many change streams open; try again later' });
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies that buffer responses (nginx) would hold the events back.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\nevent: ready\ndata: {}\n\n');
    const unsubscribe = store.changes.subscribe(() => res.write('event: change\ndata: {}\n\n'));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs).unref();
    const end = () => {
      if (!streams.delete(end)) return;
      unsubscribe();
      clearInterval(keepAlive);
      res.end();
    };
    streams.add(end);
    request.raw.socket.on('close', end);
  });

  // Open streams would keep a graceful close waiting for ever.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
};
