import type { Article } from '@newsroom/domain';
import { formatDateTime } from './dates';

/**
 * What a preview page sends besides the page: never kept by any cache (the link may be revoked
 * at any moment, and the page is for the link's holder alone), never indexed, and no Referer
 * to wherever a reader goes next, since the address holds the link's secret.
 */
export const previewHeaders = {
  'cache-control': 'private, no-store',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
} as const;

/** What the preview page shows for a link that does not open, whatever the reason. */
export const unusablePreview = {
  title: 'Preview not available',
  message:
    'This preview link does not work: it may have expired or been revoked. Ask the newsroom for a new one.',
} as const;

/** The banner's heading: what the reader is looking at. */
export function previewHeadingOf(article: Pick<Article, 'status'>): string {
  return article.status === 'published' ? 'Preview: published' : 'Preview: not published';
}

/** The story's state in words, for the banner: "Draft, awaiting review", "Scheduled for 14 July 2025, 09:00". */
export function previewStatusOf(
  article: Pick<Article, 'status' | 'scheduledFor' | 'publishedAt' | 'reviewRequestedAt'>,
): string {
  switch (article.status) {
    case 'draft':
      return article.reviewRequestedAt ? 'Draft, awaiting review' : 'Draft';
    case 'scheduled':
      return article.scheduledFor ? `Scheduled for ${formatDateTime(article.scheduledFor)}` : 'Scheduled';
    case 'published':
      return article.publishedAt ? `Published ${formatDateTime(article.publishedAt)}` : 'Published';
    case 'archived':
      return 'Archived: taken off the site';
  }
}
