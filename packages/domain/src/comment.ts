import { z } from 'zod';
import { TimestampSchema } from './article.js';
import { limits } from './limits.js';

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
