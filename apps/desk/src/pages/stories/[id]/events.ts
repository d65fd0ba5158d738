import type { APIRoute } from 'astro';
import { forwardedHeaders } from '../../../lib/api';
import { clientAddressOf } from '../../../lib/client-address';
import { deskConfig } from '../../../lib/desk-config';
import { storyEventsOf } from '../../../lib/story-events';

/**
 * The story's events, live, for its editor page: the API's `GET /events` with the person's
 * session, narrowed to this story. The API tells editors of every save; others get only what
 * readers see. The stream lasts as long as the page keeps it open (the browser's EventSource
 * reconnects with Last-Event-ID, passed on).
 */
export const GET: APIRoute = async (context) => {
  const { locals, params, request } = context;
  if (!locals.session) return new Response('Sign in first', { status: 401 });
  const lastEventId = request.headers.get('last-event-id');
  const answer = await fetch(
    `${deskConfig.API_URL}/events?types=article.updated,article.published,article.unpublished,article.archived,article.deleted,article.corrected,article.scheduled,article.submitted`,
    {
      headers: {
        ...forwardedHeaders({
          clientAddress: clientAddressOf(context),
          userAgent: request.headers.get('user-agent'),
        }),
        authorization: `Bearer ${locals.session}`,
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
      signal: request.signal,
    },
  ).catch(() => null);
  if (!answer?.ok || !answer.body) {
    await answer?.body?.cancel();
    return new Response('The story’s changes cannot be followed right now', {
      status: answer?.status && answer.status < 500 ? answer.status : 503,
      headers: { 'retry-after': '10' },
    });
  }
  const stream = answer.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(storyEventsOf(params.id ?? ''))
    .pipeThrough(new TextEncoderStream());
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' },
  });
};
