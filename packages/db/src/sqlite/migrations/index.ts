import type { Migration } from 'kysely/migration';
import { initialSchema } from './0001-initial-schema.js';
import { revisionsRedirectsCommentPolicy } from './0002-revisions-redirects-comment-policy.js';
import { articleImports } from './0003-article-imports.js';
import { rateLimits } from './0004-rate-limits.js';
import { taxonomyListings } from './0005-taxonomy-listings.js';
import { people } from './0006-people.js';
import { deskStoryList } from './0007-desk-story-list.js';
import { articlePreviews } from './0008-article-previews.js';
import { tokenExpiryAndUse } from './0009-token-expiry-and-use.js';
import { media } from './0010-media.js';
import { events } from './0011-events.js';
import { webhooks } from './0012-webhooks.js';

/**
 * Every SQLite migration, applied in the order of their names. Add a migration as a new file
 * with the next number and list it here; never edit one that has shipped.
 */
export const sqliteMigrations: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-revisions-redirects-comment-policy': revisionsRedirectsCommentPolicy,
  '0003-article-imports': articleImports,
  '0004-rate-limits': rateLimits,
  '0005-taxonomy-listings': taxonomyListings,
  '0006-people': people,
  '0007-desk-story-list': deskStoryList,
  '0008-article-previews': articlePreviews,
  '0009-token-expiry-and-use': tokenExpiryAndUse,
  '0010-media': media,
  '0011-events': events,
  '0012-webhooks': webhooks,
};
