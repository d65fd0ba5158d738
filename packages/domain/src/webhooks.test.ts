import { describe, expect, it } from 'vitest';
import type { NewsroomEvent } from './events.js';
import {
  CreateWebhookInputSchema,
  WebhookPayloadSchema,
  type WebhookStory,
  webhookPayload,
  webhookRetryAt,
} from './webhooks.js';

const articleId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const event: NewsroomEvent = {
  id: '42',
  type: 'article.published',
  at: '2026-12-06T09:00:00.000Z',
  actor: { kind: 'person', id: '7c1d2f3a-1b2c-4d5e-8f90-1a2b3c4d5e6f', name: 'Ada Editor' },
  cacheKeys: [`article:${articleId}`, 'front'],
  article: {
    id: articleId,
    slug: 'storm-hits-coast',
    status: 'published',
    previousSlug: null,
    seenByReaders: true,
  },
};
const story: WebhookStory = {
  id: articleId,
  slug: 'storm-hits-coast',
  headline: 'Storm hits the coast',
  standfirst: null,
  status: 'published',
  section: { slug: 'news', name: 'News' },
  tags: [{ slug: 'weather', name: 'Weather', type: 'topic' }],
  authors: [],
  createdAt: '2026-12-06T08:00:00.000Z',
  updatedAt: '2026-12-06T09:00:00.000Z',
  publishedAt: '2026-12-06T09:00:00.000Z',
  scheduledFor: null,
};

describe('webhooks', () => {
  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up', () => {
    const now = new Date('2026-12-06T00:00:00.000Z');
    const waits = [1, 2, 3, 4, 5, 6, 7].map(
      (failed) => (webhookRetryAt(failed, now)?.getTime() ?? 0) - now.getTime(),
    );
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(webhookRetryAt(8, now)).toBeNull();
  });

  it("sends the event with the story's summary and its address on the site", () => {
    const payload = webhookPayload(event, story, 'https://news.example/');
    expect(WebhookPayloadSchema.parse(payload)).toEqual(payload);
    expect(payload).toMatchObject({
      type: 'article.published',
      timestamp: event.at,
      data: {
        event,
        story: { headline: 'Storm hits the coast', url: 'https://news.example/articles/storm-hits-coast' },
      },
    });
    expect(webhookPayload(event, null, 'https://news.example').data.story).toBeNull();
  });

  it('takes http(s) addresses with event types it knows, once each, and says what is wrong otherwise', () => {
    const ok = { url: 'https://hooks.example/newsroom', eventTypes: ['article.published'] };
    expect(CreateWebhookInputSchema.parse(ok)).toEqual({ ...ok, description: '' });
    const problems = (input: object) =>
      CreateWebhookInputSchema.safeParse({ ...ok, ...input }).error?.issues.map((issue) => issue.message);
    expect(problems({ url: 'ftp://hooks.example/' })).toEqual([
      'a webhook address is an http:// or https:// URL',
    ]);
    expect(problems({ url: 'https://user:pass@hooks.example/' })).toEqual([
      'a webhook address must not carry a user name or password',
    ]);
    expect(problems({ eventTypes: [] })).toEqual(['name at least one event type']);
    expect(problems({ eventTypes: ['article.published', 'article.published'] })).toEqual([
      'event types must not repeat',
    ]);
    expect(problems({ eventTypes: ['article.exploded'] })).toHaveLength(1);
  });
});
