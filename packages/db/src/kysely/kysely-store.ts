import { type Kysely, sql } from 'kysely';
import { announcingWrites, type ChangeBroadcast, createChangeFeed } from '../change-feed.js';
import type { Store } from '../store.js';
import { createArticleRepository } from './article-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { createChallengeRepository } from './challenge-repository.js';
import { createCommentRepository } from './comment-repository.js';
import type { Database } from './database.js';
import { createImportRepository } from './draft-import-repository.js';
import { createEventRepository, createOutbox } from './event-outbox.js';
import type { FullTextSearch } from './full-text-search.js';
import { createMediaRepository } from './media-repository.js';
import { createOneTimeLinkRepository } from './one-time-link-repository.js';
import { createPeopleRepository } from './people-repository.js';
import { createPreviewRepository } from './preview-repository.js';
import { createRateLimitRepository } from './rate-limit-repository.js';
import { createRedirectRepository } from './redirect-repository.js';
import { createSessionRepository } from './session-repository.js';
import { createSettingsRepository } from './settings-repository.js';
import { createSignInThrottleRepository } from './sign-in-throttle-repository.js';
import {
  createAuthorRepository,
  createSectionRepository,
  createTagRepository,
} from './taxonomy-repositories.js';
import { createTokenRepository } from './token-repository.js';
import { createWebhookRepository } from './webhook-repository.js';

export interface KyselyStoreOptions {
  /** The backend's full-text engine: search is the one query that cannot be portable. */
  search: FullTextSearch;
  /** How other processes on the same database hear of writes; none for SQLite. */
  broadcast?: ChangeBroadcast;
  /** Run in a write's transaction before its event is added, to keep event ids in commit order. */
  serializeEvents?: (trx: Kysely<Database>) => Promise<void>;
  /** Whether rows claimed by one process are skipped by others (PostgreSQL's FOR UPDATE SKIP LOCKED). */
  skipLocked?: boolean;
  beforeClose?: () => Promise<void>;
}

/**
 * The Store over any Kysely database with the Newsroom schema. The queries here are portable;
 * what differs between SQLite and PostgreSQL (connection, pragmas, migrations, full-text
 * search) belongs to the backend that calls this.
 */
export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions): Store {
  let closing: Promise<void> | undefined;
  const changes = createChangeFeed(options.broadcast);
  const { changed } = changes;
  const taxonomyWrites = ['upsert', 'create', 'update', 'delete'] as const;
  const outbox = createOutbox(options.serializeEvents);
  const articles = announcingWrites(
    createArticleRepository(db, options.search, outbox),
    ['create', 'update', 'setStatus', 'requestReview', 'addCorrection', 'delete', 'restore', 'importMany'],
    changed,
  );
  return {
    articles: {
      ...articles,
      // Run by every API process's scheduler every few seconds: a change only when it published.
      async publishDue(now) {
        const published = await articles.publishDue(now);
        if (published.length > 0) await changed();
        return published;
      },
    },
    sections: announcingWrites(createSectionRepository(db, outbox), taxonomyWrites, changed),
    tags: announcingWrites(createTagRepository(db, outbox), [...taxonomyWrites, 'merge'], changed),
    authors: announcingWrites(createAuthorRepository(db, outbox), taxonomyWrites, changed),
    comments: announcingWrites(createCommentRepository(db, outbox), ['create', 'setStatus'], changed),
    tokens: createTokenRepository(db),
    redirects: createRedirectRepository(db),
    imports: announcingWrites(createImportRepository(db, outbox), ['importDraft', 'importDrafts'], changed),
    rateLimits: createRateLimitRepository(db),
    people: createPeopleRepository(db, outbox),
    sessions: createSessionRepository(db),
    links: createOneTimeLinkRepository(db),
    challenges: createChallengeRepository(db),
    signInThrottle: createSignInThrottleRepository(db),
    audit: createAuditRepository(db),
    settings: createSettingsRepository(db),
    previews: createPreviewRepository(db),
    media: announcingWrites(createMediaRepository(db, outbox), ['put', 'update', 'delete'], changed),
    events: createEventRepository(db),
    webhooks: createWebhookRepository(db, { skipLocked: options.skipLocked ?? false }),
    changes: { subscribe: changes.subscribe, listening: changes.listening },
    async articleCount() {
      const row = await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number | bigint | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async ping() {
      try {
        const { rows } = await sql<{ ok: number | bigint | string }>`select 1 as ok`.execute(db);
        return Number(rows[0]?.ok) === 1;
      } catch {
        return false;
      }
    },
    close() {
      // Idempotent: a second close (a test's afterEach after a shutdown hook) is harmless.
      closing ??= (async () => {
        await changes.close();
        await options.beforeClose?.();
        await db.destroy();
      })();
      return closing;
    },
  };
}
