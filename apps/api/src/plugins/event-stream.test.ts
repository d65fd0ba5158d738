import { createHash } from 'node:crypto';
import { openStore, type Store } from '@newsroom/db';
import type { NewsroomEvent } from '@newsroom/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

let store: Store;
let api: TestApi;
let editorToken: string;
beforeEach(async () => {
  store = await openStore(':memory:');
  api = await startTestApi(store);
  editorToken = (await store.tokens.create({ name: 'Night editor', role: 'editor', authorSlug: null })).token;
});
afterEach(async () => {
  await api.close();
  await store.close();
});

interface Message {
  id: string;
  event: string;
  data: NewsroomEvent;
}

/** Opens `GET /events` and reads its messages one at a time (null once the stream ends). */
async function openStream(options: { token?: string; lastEventId?: string; query?: string } = {}) {
  const response = await fetch(`${api.url}/events${options.query ?? ''}`, {
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  let buffered = '';
  return async function next(): Promise<Message | null> {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(block)?.[1];
        const data = field('data');
        if (data === undefined) continue;
        return {
          id: field('id') ?? '',
          event: field('event') ?? '',
          data: JSON.parse(data) as NewsroomEvent,
        };
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffered += value;
    }
  };
}

/** A draft published, a comment held for moderation, a tag, and a picture: one of everything. */
async function someChanges() {
  const draft = await store.articles.create({
    headline: 'Storm hits coast',
    body: [{ type: 'paragraph', text: 'Words.' }],
  });
  const story = await store.articles.setStatus(draft.id, draft.version, 'published');
  await store.comments.create({ articleId: story.id, displayName: 'Ines', body: 'Finally.' });
  await store.tags.create({ slug: 'storms', name: 'Storms', description: null, type: 'topic' });
  const bytes = Buffer.from('a picture');
  await store.media.put(
    { hash: createHash('sha256').update(bytes).digest('hex'), bytes, format: 'jpeg', width: 4, height: 3 },
    { uploadedBy: 'Night editor' },
  );
  return story;
}

describe('GET /events', () => {
  it('tells anyone what readers see, as it happens, without the staff behind it', async () => {
    const next = await openStream();
    const story = await someChanges();
    const published = await next();
    expect(published).toMatchObject({
      event: 'article.published',
      data: {
        type: 'article.published',
        article: { id: story.id, slug: 'storm-hits-coast', status: 'published', seenByReaders: true },
        actor: { kind: 'system', id: null, name: 'newsroom' },
      },
    });
    expect(published?.id).toBe(published?.data.id);
    // The draft's creation, the comment waiting for a moderator and the picture are not told.
    expect((await next())?.event).toBe('tag.changed');
    await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
    expect((await next())?.event).toBe('section.changed');
  });

  it('tells an editor everything, with who did it, and only the types asked for', async () => {
    const next = await openStream({ token: editorToken });
    await someChanges();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push((await next())?.event ?? 'end');
    expect(seen).toEqual([
      'article.created',
      'article.published',
      'comment.created',
      'tag.changed',
      'media.uploaded',
    ]);

    const only = await openStream({ token: editorToken, query: '?types=comment.created,media.uploaded' });
    await someChangesAgain();
    expect((await only())?.event).toBe('comment.created');
  });

  it('gives a client that comes back with Last-Event-ID what it missed, then goes on live', async () => {
    await someChanges();
    const [first] = await store.events.after(null, { limit: 1, types: ['article.published'] });
    const next = await openStream({ lastEventId: first?.id ?? '' });
    expect((await next())?.event).toBe('tag.changed');
    await store.tags.update('storms', { name: 'Big storms' });
    expect(await next()).toMatchObject({ event: 'tag.changed', data: { slug: 'storms', change: 'updated' } });
  });

  it('refuses a query it cannot read and a token it does not know, with the reason', async () => {
    for (const [path, headers, status] of [
      ['/events?types=article.exploded', {}, 400],
      ['/events?after=zero', {}, 400],
      ['/events', { 'last-event-id': '-1' }, 400],
      ['/events', { authorization: 'Bearer nrt_not-a-token' }, 401],
    ] as const) {
      const response = await fetch(`${api.url}${path}`, { headers });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).not.toBe('');
    }
  });

  it('ends when the API stops, so a graceful stop does not wait for it', async () => {
    const next = await openStream();
    const started = Date.now();
    await api.close();
    expect(await next()).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

/** More changes on the same newsroom: a new story with a comment waiting. */
async function someChangesAgain() {
  const draft = await store.articles.create({
    headline: 'Calm returns',
    body: [{ type: 'paragraph', text: 'x' }],
  });
  const story = await store.articles.setStatus(draft.id, draft.version, 'published');
  await store.comments.create({ articleId: story.id, displayName: 'Ines', body: 'Good.' });
}
