import {
  ArticleStatusSchema,
  CorrectionSchema,
  CreateArticleInputSchema,
  limits,
  TimestampSchema,
} from '@newsroom/domain';
import { z } from 'zod';

/**
 * A finished article brought in from elsewhere (sample content, another system's export):
 * unlike a new draft it keeps its own id, status and times. Word count and reading time are
 * still derived from the body, as for every other write. Related picks (relatedSlugs) and the
 * comment policy default as for a new draft; picks are not checked, since an import may point
 * at articles that come later in it. Imported articles have no revisions until their first
 * change, which first saves the imported state.
 */
export const ImportArticleInputSchema = CreateArticleInputSchema.extend({
  /** Kept when given, so an import can be repeated or cross-referenced; new otherwise. */
  id: z.uuid().optional(),
  status: ArticleStatusSchema,
  createdAt: TimestampSchema,
  /** Defaults to the publication time, else the creation time. */
  updatedAt: TimestampSchema.optional(),
  publishedAt: TimestampSchema.nullable().default(null),
  scheduledFor: TimestampSchema.nullable().default(null),
  corrections: z.array(CorrectionSchema).max(limits.corrections).default([]),
  /** When an author asked for review of an imported draft, if they did. */
  reviewRequestedAt: TimestampSchema.nullable().default(null),
})
  .strict()
  .superRefine((article, ctx) => {
    if (article.status === 'published' && article.publishedAt === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['publishedAt'],
        message: 'a published article needs publishedAt',
      });
    }
    if (article.status === 'scheduled' && article.scheduledFor === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['scheduledFor'],
        message: 'a scheduled article needs scheduledFor',
      });
    }
  });
export type ImportArticleInput = z.input<typeof ImportArticleInputSchema>;
export type ImportArticle = z.output<typeof ImportArticleInputSchema>;
