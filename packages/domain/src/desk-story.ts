import { z } from 'zod';
import { ArticleSchema, type ArticleStatus, TimestampSchema } from './article.js';
import { limits } from './limits.js';
import { CursorSchema, PageLimitSchema } from './pagination.js';
import { SearchTextSchema } from './search.js';
import { SlugSchema } from './slug.js';

/**
 * Where a story stands as the desk shows it: the article's status, except that a draft whose
 * author asked for a review is "in-review" (the Store keeps that as reviewRequestedAt on a draft;
 * any status change clears it).
 */
export const deskStatuses = ['draft', 'in-review', 'scheduled', 'published', 'archived'] as const;
export const DeskStatusSchema = z.enum(deskStatuses);
export type DeskStatus = (typeof deskStatuses)[number];

export function deskStatusOf(article: {
  status: ArticleStatus;
  reviewRequestedAt: string | null;
}): DeskStatus {
  return article.status === 'draft' && article.reviewRequestedAt !== null ? 'in-review' : article.status;
}

/**
 * One stored status to read, and whether its review request must be set (true), unset (false)
 * or may be either (undefined).
 */
export interface DeskStatusFilter {
  status: ArticleStatus;
  reviewRequested?: boolean;
}

/**
 * The stored statuses behind a set of desk statuses, one filter per article status, in the
 * order of articleStatuses; none chosen means every status. "draft" and "in-review" together
 * are every draft, so they become one filter.
 */
export function deskStatusFilters(statuses: readonly DeskStatus[]): DeskStatusFilter[] {
  const chosen = new Set<DeskStatus>(statuses.length === 0 ? deskStatuses : statuses);
  const filters: DeskStatusFilter[] = [];
  const plainDraft = chosen.has('draft');
  const inReview = chosen.has('in-review');
  if (plainDraft && inReview) filters.push({ status: 'draft' });
  else if (plainDraft) filters.push({ status: 'draft', reviewRequested: false });
  else if (inReview) filters.push({ status: 'draft', reviewRequested: true });
  for (const status of ['scheduled', 'published', 'archived'] as const) {
    if (chosen.has(status)) filters.push({ status });
  }
  return filters;
}

const DeskStatusListSchema = z
  .array(DeskStatusSchema)
  .max(deskStatuses.length, `at most ${deskStatuses.length} statuses`)
  .refine((statuses) => new Set(statuses).size === statuses.length, {
    message: 'statuses must not repeat',
  });

/**
 * The desk's story list: every story the caller may see, newest-updated first. Filters combine
 * (all must hold); `statuses` empty or absent means every status. The cursor is the domain's
 * encodeCursor of the last row's (updatedAt, id).
 */
export const DeskStoryQuerySchema = z
  .object({
    statuses: DeskStatusListSchema.default([]),
    section: SlugSchema.optional(),
    /** Stories with this author on the byline. */
    author: SlugSchema.optional(),
    /** Stories with the caller's own author on the byline (none for a caller without one). */
    mine: z.boolean().optional(),
    /** Words, "phrases" and -exclusions, as article.search reads them, in every status listed. */
    q: SearchTextSchema.optional(),
    cursor: CursorSchema.optional(),
    limit: PageLimitSchema,
  })
  .strict();
export type DeskStoryQueryInput = z.input<typeof DeskStoryQuerySchema>;
export type DeskStoryQuery = z.output<typeof DeskStoryQuerySchema>;

/**
 * What the Store lists: the desk's query once the caller has turned "mine", and what the
 * caller's role lets them see, into `bylineOf`: an author who must be on the byline as well as
 * `author`. The Store knows nothing of callers.
 */
export const DeskStoryListQuerySchema = DeskStoryQuerySchema.omit({ mine: true })
  .extend({ bylineOf: SlugSchema.optional() })
  .strict();
export type DeskStoryListQueryInput = z.input<typeof DeskStoryListQuerySchema>;
export type DeskStoryListQuery = z.output<typeof DeskStoryListQuerySchema>;

/** One row of the desk's story list. */
export const DeskStorySchema = ArticleSchema.pick({
  id: true,
  slug: true,
  headline: true,
  version: true,
  updatedAt: true,
  reviewRequestedAt: true,
  scheduledFor: true,
  publishedAt: true,
  section: true,
  /** The byline, in order. */
  authors: true,
}).extend({
  status: DeskStatusSchema,
  /**
   * The newest saved change (revision) and who made it; null for a story that has none yet
   * (imported as finished, or saved before revisions were kept).
   */
  lastChange: z
    .object({
      at: TimestampSchema,
      by: z.string().min(1).max(limits.tokenName),
    })
    .nullable(),
});
export type DeskStory = z.infer<typeof DeskStorySchema>;
