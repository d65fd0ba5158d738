import { z } from 'zod';
import { type ArticleStatus, ArticleStatusSchema, TimestampSchema } from './article.js';
import { AuditActorSchema } from './audit.js';
import { commentStatuses } from './comment.js';
import { MediaHashSchema } from './media.js';
import { PersonStatusSchema } from './person.js';
import { RoleSchema } from './principal.js';
import { SlugSchema } from './slug.js';

/**
 * What happened in the newsroom, one event per change, recorded in the same transaction as the
 * change itself (the Store's outbox): webhooks, live streams and caches all learn of changes
 * from these. An event names who did it (a person, a token or the system; never a secret), what
 * it was done to, by id and slug, and the cache keys of every answer it may have changed.
 */

export const articleEventTypes = [
  'article.created',
  'article.updated',
  'article.submitted',
  'article.published',
  'article.scheduled',
  'article.unpublished',
  'article.archived',
  'article.deleted',
  'article.corrected',
] as const;
export const commentEventTypes = ['comment.created', 'comment.approved', 'comment.rejected'] as const;
export const taxonomyEventTypes = ['tag.changed', 'section.changed', 'author.changed'] as const;
export const mediaEventTypes = ['media.uploaded', 'media.updated', 'media.deleted'] as const;
export const personEventTypes = ['person.changed'] as const;
export const eventTypes = [
  ...articleEventTypes,
  ...commentEventTypes,
  ...taxonomyEventTypes,
  ...mediaEventTypes,
  ...personEventTypes,
] as const;
export const EventTypeSchema = z.enum(eventTypes);
export type EventType = (typeof eventTypes)[number];

/** An event's place in the order of all events: a growing integer, as decimal digits. */
export const EventIdSchema = z.string().regex(/^[1-9]\d{0,18}$/, 'an event id is a positive whole number');

export const EventActorSchema = AuditActorSchema;
export type EventActor = z.infer<typeof EventActorSchema>;

/** A cache key: `article:<id>`, `section:<slug>`, `front`, … (see cache-keys.ts). */
export const CacheKeySchema = z.string().min(1).max(200);

const base = {
  id: EventIdSchema,
  at: TimestampSchema,
  actor: EventActorSchema,
  cacheKeys: z.array(CacheKeySchema),
};

/** The article an event is about, as it is after the change (before it, for a deletion). */
export const EventArticleSchema = z.object({
  id: z.uuid(),
  slug: SlugSchema,
  status: ArticleStatusSchema,
  /** Its slug before the change, when the change gave it a new one. */
  previousSlug: SlugSchema.nullable(),
  /** Whether readers see it, or saw it before this change: public streams tell only these. */
  seenByReaders: z.boolean(),
});
export type EventArticle = z.infer<typeof EventArticleSchema>;

export const ArticleEventSchema = z.object({
  ...base,
  type: z.enum(articleEventTypes),
  article: EventArticleSchema,
});

export const CommentEventSchema = z.object({
  ...base,
  type: z.enum(commentEventTypes),
  comment: z.object({ id: z.uuid(), status: z.enum(commentStatuses) }),
  article: z.object({ id: z.uuid(), slug: SlugSchema }),
  /** Whether readers see the comment, or saw it before this change: public streams tell only these. */
  seenByReaders: z.boolean(),
});

export const TaxonomyEventSchema = z.object({
  ...base,
  type: z.enum(taxonomyEventTypes),
  /** What became of it: `merged` moved its stories to `mergedInto` and removed it. */
  change: z.enum(['created', 'updated', 'deleted', 'merged']),
  slug: SlugSchema,
  previousSlug: SlugSchema.nullable(),
  mergedInto: SlugSchema.nullable(),
});

export const MediaEventSchema = z.object({
  ...base,
  type: z.enum(mediaEventTypes),
  media: z.object({ hash: MediaHashSchema }),
});

/** A desk account: invited, changed (name, role, byline), activated, suspended or reactivated. */
export const PersonEventSchema = z.object({
  ...base,
  type: z.enum(personEventTypes),
  change: z.enum(['invited', 'updated', 'activated', 'suspended', 'reactivated']),
  person: z.object({ id: z.uuid(), role: RoleSchema, status: PersonStatusSchema }),
});

/** Every event, told apart by its `type`. */
export const NewsroomEventSchema = z.discriminatedUnion('type', [
  ArticleEventSchema,
  CommentEventSchema,
  TaxonomyEventSchema,
  MediaEventSchema,
  PersonEventSchema,
]);
export type NewsroomEvent = z.infer<typeof NewsroomEventSchema>;
export type ArticleEvent = z.infer<typeof ArticleEventSchema>;
export type CommentEvent = z.infer<typeof CommentEventSchema>;
export type TaxonomyEvent = z.infer<typeof TaxonomyEventSchema>;
export type MediaEvent = z.infer<typeof MediaEventSchema>;
export type PersonEvent = z.infer<typeof PersonEventSchema>;

/** An event as a write records it: the Store gives it its id and time. */
export type NewEvent = NewsroomEvent extends infer E
  ? E extends NewsroomEvent
    ? Omit<E, 'id' | 'at'>
    : never
  : never;

/** The event a change of status makes: to `scheduled`, `published`, `archived`, or back to a draft. */
export function statusEventType(from: ArticleStatus, to: ArticleStatus): ArticleEvent['type'] {
  if (to === 'published') return 'article.published';
  if (to === 'scheduled') return 'article.scheduled';
  if (to === 'archived') return 'article.archived';
  return from === 'published' ? 'article.unpublished' : 'article.updated';
}

/** Who public streams say made a change: the newsroom, never one of its people or tokens. */
const newsroomActor: EventActor = { kind: 'system', id: null, name: 'newsroom' };

/**
 * The event as anyone may see it, or null when it is the newsroom's own business: drafts,
 * comments readers never saw, pictures in the library, the desk's people. What readers see (or saw, until this
 * change) is told, without who on the staff made the change.
 */
export function publicViewOf(event: NewsroomEvent): NewsroomEvent | null {
  return isPublic(event) ? { ...event, actor: newsroomActor } : null;
}

function isPublic(event: NewsroomEvent): boolean {
  if ('seenByReaders' in event) return event.seenByReaders; // a comment
  if ('article' in event) return event.article.seenByReaders;
  // Sections, tags and authors are public; the picture library and the people are not.
  return !('media' in event) && !('person' in event);
}
