import { z } from 'zod';
import { ArticleStatusSchema, commentPolicies, TimestampSchema } from './article.js';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';

export const commentStatuses = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

export const CommentSchema = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  /** One level of replies: a reply's parent is a top-level comment. */
  parentId: z.uuid().nullable(),
  displayName: z.string().trim().min(1, 'name must not be empty').max(limits.commentName),
  /** Plain text: never parsed as Markdown or HTML. */
  body: z.string().trim().min(1, 'comment must not be empty').max(limits.commentBody),
  status: z.enum(commentStatuses),
  createdAt: TimestampSchema,
});
export type Comment = z.infer<typeof CommentSchema>;

export const CreateCommentInputSchema = CommentSchema.pick({
  articleId: true,
  displayName: true,
  body: true,
})
  .extend({ parentId: z.uuid().nullable().default(null) })
  .strict();
export type CreateCommentInput = z.input<typeof CreateCommentInputSchema>;
export type CreateComment = z.output<typeof CreateCommentInputSchema>;

/** The decisions a moderator takes on a comment. */
export const moderationStatuses = ['approved', 'rejected', 'spam'] as const;
export const ModerationStatusSchema = z.enum(moderationStatuses);
export type ModerationStatus = (typeof moderationStatuses)[number];

/**
 * The article a queued comment is on: enough to name it, link to it, and change its comment
 * policy (an article update names the version it was based on).
 */
export const CommentArticleSchema = z.object({
  id: z.uuid(),
  slug: SlugSchema,
  headline: z.string(),
  status: ArticleStatusSchema,
  commentPolicy: z.enum(commentPolicies),
  version: z.number().int().min(1),
});
export type CommentArticle = z.infer<typeof CommentArticleSchema>;

/** A comment in a moderator's queue, with its article. */
export const QueuedCommentSchema = CommentSchema.extend({ article: CommentArticleSchema });
export type QueuedComment = z.infer<typeof QueuedCommentSchema>;

/** Several comments decided at once: a page of the queue at most, each id once. */
export const ModerateCommentsInputSchema = z
  .object({
    ids: z
      .array(z.uuid())
      .min(1, 'choose at least one comment')
      .max(limits.moderationBatch, `at most ${limits.moderationBatch} comments at once`)
      .refine((ids) => new Set(ids).size === ids.length, 'each comment at most once'),
    status: ModerationStatusSchema,
  })
  .strict();
export type ModerateCommentsInput = z.infer<typeof ModerateCommentsInputSchema>;
