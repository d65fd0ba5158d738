import { describe, expect, it } from 'vitest';
import {
  eventTypes,
  type NewsroomEvent,
  NewsroomEventSchema,
  publicViewOf,
  statusEventType,
} from './events.js';

const at = '2026-12-06T09:00:00.000Z';
const actor = { kind: 'person', id: '7c1d2f3a-1b2c-4d5e-8f90-1a2b3c4d5e6f', name: 'Ada Editor' } as const;
const articleId = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('events', () => {
  it('reads each kind of event by its type, and refuses a type that does not match its fields', () => {
    const published = {
      id: '42',
      type: 'article.published',
      at,
      actor,
      cacheKeys: [`article:${articleId}`, 'front'],
      article: {
        id: articleId,
        slug: 'storm-hits-coast',
        status: 'published',
        previousSlug: null,
        seenByReaders: true,
      },
    };
    expect(NewsroomEventSchema.parse(published)).toEqual(published);
    const approved = {
      id: '43',
      type: 'comment.approved',
      at,
      actor,
      cacheKeys: [],
      comment: { id: '9b2e4b1c-6f0a-4a8e-9c3d-2e1f0a9b8c7d', status: 'approved' },
      article: { id: articleId, slug: 'storm-hits-coast' },
      seenByReaders: true,
    };
    expect(NewsroomEventSchema.parse(approved).type).toBe('comment.approved');
    expect(NewsroomEventSchema.safeParse({ ...approved, type: 'article.published' }).success).toBe(false);
    expect(NewsroomEventSchema.safeParse({ ...published, type: 'article.exploded' }).success).toBe(false);
    expect(NewsroomEventSchema.safeParse({ ...published, id: '0' }).success).toBe(false);
  });

  it('names the event of each change of status', () => {
    expect(statusEventType('draft', 'published')).toBe('article.published');
    expect(statusEventType('scheduled', 'published')).toBe('article.published');
    expect(statusEventType('draft', 'scheduled')).toBe('article.scheduled');
    expect(statusEventType('published', 'draft')).toBe('article.unpublished');
    expect(statusEventType('scheduled', 'draft')).toBe('article.updated');
    expect(statusEventType('published', 'archived')).toBe('article.archived');
  });

  it('has every type the issue names, each once', () => {
    expect(new Set(eventTypes).size).toBe(eventTypes.length);
    expect(eventTypes).toEqual(
      expect.arrayContaining([
        'article.created',
        'article.corrected',
        'article.deleted',
        'comment.created',
        'comment.rejected',
        'tag.changed',
        'section.changed',
        'author.changed',
        'media.uploaded',
        'person.changed',
      ]),
    );
  });

  it('tells the public only what readers see or saw, without naming the staff', () => {
    const article = (seenByReaders: boolean): NewsroomEvent => ({
      id: '7',
      type: 'article.updated',
      at,
      actor,
      cacheKeys: [],
      article: {
        id: articleId,
        slug: 'storm-hits-coast',
        status: 'draft',
        previousSlug: null,
        seenByReaders,
      },
    });
    expect(publicViewOf(article(false))).toBeNull();
    expect(publicViewOf(article(true))?.actor).toEqual({ kind: 'system', id: null, name: 'newsroom' });
    const pending: NewsroomEvent = {
      id: '8',
      type: 'comment.created',
      at,
      actor,
      cacheKeys: [],
      comment: { id: articleId, status: 'pending' },
      article: { id: articleId, slug: 'storm-hits-coast' },
      seenByReaders: false,
    };
    expect(publicViewOf(pending)).toBeNull();
    expect(publicViewOf({ ...pending, type: 'comment.approved', seenByReaders: true })).not.toBeNull();
    const tag: NewsroomEvent = {
      id: '9',
      type: 'tag.changed',
      at,
      actor,
      cacheKeys: [],
      change: 'updated',
      slug: 'weather',
      previousSlug: null,
      mergedInto: null,
    };
    expect(publicViewOf(tag)).toMatchObject({ slug: 'weather' });
    expect(
      publicViewOf({
        id: '11',
        type: 'person.changed',
        at,
        actor,
        cacheKeys: [],
        change: 'invited',
        person: { id: articleId, role: 'author', status: 'invited' },
      }),
    ).toBeNull();
    expect(
      publicViewOf({
        id: '10',
        type: 'media.uploaded',
        at,
        actor,
        cacheKeys: [],
        media: { hash: 'a'.repeat(64) },
      }),
    ).toBeNull();
  });
});
