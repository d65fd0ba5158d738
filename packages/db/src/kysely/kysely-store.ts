import { type Kysely, sql } from 'kysely';
import type { Store } from '../store.js';
import { createArticleRepository } from './article-repository.js';
import { createCommentRepository } from './comment-repository.js';
import type { Database } from './database.js';
import type { FullTextSearch } from './full-text-search.js';
import { createImportRepository } from './import-repository.js';
import { createRedirectRepository } from './redirects.js';
import {
  createAuthorRepository,
  createSectionRepository,
  createTagRepository,
} from './taxonomy-repositories.js';
import { createTokenRepository } from './token-repository.js';

export interface KyselyStoreOptions {
  /** The backend's full-text engine: search is the one query that cannot be portable. */
  search: FullTextSearch;
  beforeClose?: () => Promise<void>;
}

/**
 * The Store over any Kysely database with the Newsroom schema. The queries here are portable;
 * what differs between SQLite and PostgreSQL (connection, pragmas, migrations, full-text
 * search) belongs to the backend that calls this.
 */
export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions): Store {
  let closing: Promise<void> | undefined;
  return {
    articles: createArticleRepository(db, options.search),
    sections: createSectionRepository(db),
    tags: createTagRepository(db),
    authors: createAuthorRepository(db),
    comments: createCommentRepository(db),
    tokens: createTokenRepository(db),
    redirects: createRedirectRepository(db),
    imports: createImportRepository(db),
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
        await options.beforeClose?.();
        await db.destroy();
      })();
      return closing;
    },
  };
}
