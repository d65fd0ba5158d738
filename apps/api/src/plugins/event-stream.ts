import type { Store } from '@newsroom/db';
import { EventIdSchema, EventTypeSchema, hasRole, type NewsroomEvent, publicViewOf } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { createHttpContextFactory, type DeskSettings } from '../context.js';
import { liveEvents } from '../events/live-events.js';
import { eventStreams } from './event-stream-response.js';

/** Streams a process serves at once; more are answered 503 (each holds a connection open). */
const maxStreams = 500;

const QuerySchema = z
  .object({
    /** `article.published,article.updated`: only these types. */
    types: z
      .string()
      .max(1_000)
      .transform((list) => list.split(',').filter(Boolean))
      .pipe(z.array(EventTypeSchema).max(50))
      .optional(),
    /** Where to resume when the client cannot send Last-Event-ID. */
    after: EventIdSchema.optional(),
  })
  .strict();

/**
 * `GET /events`: the newsroom's events as Server-Sent Events, each with its id (`id:`), its type
 * (`event:`) and the event as JSON (`data:`), live from every API instance. A client that
 * reconnects with `Last-Event-ID` (browsers do) gets what it missed, from the events kept
 * (EVENTS_RETENTION_DAYS); without one, it starts from now. An editor's session or token sees
 * every event; anyone else only what readers see or saw (publicViewOf), without staff names.
 */
export const eventStream: FastifyPluginAsync<{ store: Store; desk: DeskSettings }> = async (
  app,
  { store, desk },
) => {
  const contextOf = createHttpContextFactory(store, desk);
  const streams = eventStreams(app, maxStreams, 'event streams');

  app.get('/events', async (request, reply) => {
    const query = QuerySchema.safeParse(request.query);
    if (!query.success) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `Bad event stream query: ${query.error.issues[0]?.message}`,
      });
    }
    const lastEventId = request.headers['last-event-id'];
    const resumeFrom = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : query.data.after;
    if (resumeFrom !== undefined && !EventIdSchema.safeParse(resumeFrom).success) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Last-Event-ID must be the id of an event' });
    }
    const ctx = await contextOf({ req: request });
    const principal = ctx.principal;
    const seesAll =
      principal !== null && !principal.mustEnrolSecondFactor && hasRole(principal.role, 'editor');
    const refused = streams.refusal(reply);
    if (refused) return refused;

    // From now on unless resuming: read before answering, so nothing written after the client
    // has its answer can be missed.
    const after = resumeFrom ?? (await store.events.latestId());
    const stop = new AbortController();
    const { write, end } = streams.open(request, reply, 'retry: 1000\n\n', () => stop.abort());

    const send = (event: NewsroomEvent) => {
      const shown = seesAll ? event : publicViewOf(event);
      if (shown) write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(shown)}\n\n`);
    };
    try {
      const events = liveEvents(store, {
        after,
        ...(query.data.types ? { types: query.data.types } : {}),
        signal: stop.signal,
      });
      for await (const event of events) send(event);
    } catch (error) {
      request.log.error({ err: error }, 'The event stream stopped');
    } finally {
      end();
    }
  });
};
