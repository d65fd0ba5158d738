import { openStore, type Store } from '@newsroom/db';
import type { NewsroomEvent } from '@newsroom/domain';
import { EventSource } from 'eventsource';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNewsroomClient, errorCodeOf } from '../client.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// `event.stream`, the typed twin of GET /events, through the typed client over real HTTP, as a
// TypeScript tool in Node would use it (with the `eventsource` package's EventSource).

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

/** Subscribes, and resolves once the stream has started; `next()` gives the events one by one. */
async function subscribe(
  token: string | null,
  input?: { lastEventId?: string; types?: ['article.published'] },
) {
  const client = createNewsroomClient(api.url, { EventSource, ...(token ? { token } : {}) });
  const received: { id: string; data: NewsroomEvent }[] = [];
  let wake: (() => void) | null = null;
  let failed: unknown = null;
  await new Promise<void>((resolve) => {
    const subscription = client.event.stream.subscribe(input, {
      onStarted: () => resolve(),
      onData: (tracked) => {
        received.push(tracked);
        wake?.();
      },
      onError: (error) => {
        failed = error;
        subscription.unsubscribe();
        resolve();
        wake?.();
      },
    });
    stops.push(() => subscription.unsubscribe());
  });
  return async function next(): Promise<{ id: string; data: NewsroomEvent }> {
    while (received.length === 0) {
      if (failed) throw failed;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    return received.shift() as { id: string; data: NewsroomEvent };
  };
}
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/**
 * The id to listen from: a stream without one starts from whatever is last when the server
 * gets to it, so a test that writes at once names its starting point.
 */
async function startingPoint(): Promise<string> {
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
  return (await store.events.latestId()) ?? '';
}

async function publishedStory(headline: string) {
  const draft = await store.articles.create({ headline, body: [{ type: 'paragraph', text: 'Words.' }] });
  return store.articles.setStatus(draft.id, draft.version, 'published');
}

describe('event.stream', () => {
  it('gives an editor every event, typed, with who made it', async () => {
    const next = await subscribe(editorToken, { lastEventId: await startingPoint() });
    const story = await publishedStory('Storm hits coast');
    const created = await next();
    expect(created.data).toMatchObject({
      type: 'article.created',
      article: { id: story.id, seenByReaders: false },
    });
    expect(created.id).toBe(created.data.id);
    const published = await next();
    expect(published.data.type).toBe('article.published');
    if (published.data.type === 'article.published')
      expect(published.data.article.slug).toBe('storm-hits-coast');
  });

  it('gives anyone only what readers see, and resumes after the last event a client had', async () => {
    const next = await subscribe(null, { lastEventId: await startingPoint() });
    await publishedStory('Storm hits coast');
    const first = await next();
    expect(first.data).toMatchObject({ type: 'article.published', actor: { name: 'newsroom' } });
    await publishedStory('Calm returns');
    await publishedStory('Boats go back out');
    const resumed = await subscribe(null, { lastEventId: first.id, types: ['article.published'] });
    const titles: string[] = [];
    for (let i = 0; i < 2; i++) {
      const event = (await resumed()).data;
      if (event.type === 'article.published') titles.push(event.article.slug);
    }
    expect(titles).toEqual(['calm-returns', 'boats-go-back-out']);
  });

  it('refuses a token it does not know', async () => {
    // The stream opens, then says why it will carry nothing.
    const next = await subscribe('nrt_not-a-token');
    const refused = await next().catch((error: unknown) => error);
    expect(errorCodeOf(refused)).toBe('UNAUTHORIZED');
  });
});
