import type { Store } from '@newsroom/db';
import type { FastifyPluginAsync } from 'fastify';
import { eventStreams } from './event-stream-response.js';

/** Streams a process serves at once; more are answered 503 (each holds a connection open). */
const maxStreams = 200;

/**
 * `GET /changes`: Server-Sent Events telling caches in front of the API (the site's page
 * cache) that published content may have changed. `event: ready` when connected (anything
 * may have changed while a client was away), then `event: change` after every write on any
 * API instance (the Store's change notices). Carries no content: only that something changed.
 */
export const changeStream: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const streams = eventStreams(app, maxStreams, 'change streams');

  app.get('/changes', (request, reply) => {
    const refused = streams.refusal(reply);
    if (refused) return refused;
    let unsubscribe = () => {};
    const stream = streams.open(request, reply, 'retry: 1000\nevent: ready\ndata: {}\n\n', () =>
      unsubscribe(),
    );
    unsubscribe = store.changes.subscribe(() => stream.write('event: change\ndata: {}\n\n'));
  });
};
