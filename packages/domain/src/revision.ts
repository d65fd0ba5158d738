import { z } from 'zod';
import { ArticleSchema, TimestampSchema } from './article.js';
import { limits } from './limits.js';

/** Who made a change: an API token's holder, or the system (the scheduler, an import). */
export const ActorSchema = z.object({
  tokenId: z.uuid().nullable(),
  /** The person who made the change, when a person did; events name them (revisions keep the name). */
  personId: z.uuid().nullable().optional(),
  name: z.string().min(1).max(limits.tokenName),
});
export type Actor = z.infer<typeof ActorSchema>;

export const systemActor: Actor = { tokenId: null, name: 'system' };

export const revisionKinds = ['created', 'updated', 'status', 'corrected', 'restored'] as const;
export type RevisionKind = (typeof revisionKinds)[number];

/** The article as it was after one saved change, with who made it and when. */
export const ArticleRevisionSchema = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  /** The article's version after this change. */
  version: z.number().int().min(1),
  kind: z.enum(revisionKinds),
  createdAt: TimestampSchema,
  actor: ActorSchema,
  snapshot: ArticleSchema,
});
export type ArticleRevision = z.infer<typeof ArticleRevisionSchema>;
