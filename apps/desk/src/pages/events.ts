import { articleEventTypes } from '@newsroom/domain';
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { forwardedHeaders } from '../lib/api';
import { clientAddressOf } from '../lib/client-address';
import { deskConfig } from '../lib/desk-config';
import { storyEventsOf } from '../lib/story-events';

const StorySchema = z.uuid();

/**
 * The stories' events, live, for the story list and a story's editor page (`?story=<id>`: that
 * one only): the API's `GET /events` with the person's session, narrowed to article events.
 * The API tells editors of every save; others get only what readers see. The stream lasts as
 * long as the page keeps it open (EventSource reconnects with Last-Event-ID, passed on).
 */
export const GET: APIRoute = async (context) => {
  const { locals, request, url } = context;
  const story = url.searchParams.get('story');
  if (story !== null && !StorySchema.safeParse(story).success) {
    return new Response('No story has that id', { status: 400 });
  }
  if (!locals.session) return new Response('Sign in first', { status: 401 });
  const lastEventId = request.headers.get('last-event-id');
  const answer = await fetch(`${deskConfig.API_URL}/events?types=${articleEventTypes.join(',')}`, {
    headers: {
      ...forwardedHeaders({
        clientAddress: clientAddressOf(context),
        userAgent: request.headers.get('user-agent'),
      }),
      authorization: `Bearer ${locals.session}`,
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: request.signal,
  }).catch(() => null);
  if (!answer?.ok || !answer.body) {
    await answer?.body?.cancel();
    return new Response('The story’s changes cannot be followed right now', {
      status: answer?.status && answer.status < 500 ? answer.status : 503,
      headers: { 'retry-after': '10' },
    });
  }
  const stream = answer.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(storyEventsOf(story))
    .pipeThrough(new TextEncoderStream());
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' },
  });
};
