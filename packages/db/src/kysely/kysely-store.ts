import type { Kysely } from 'kysely';
import type { Store } from '../store.js';
import { createArticleRepository } from './article-repository.js';
import { createCommentRepository } from './comment-repository.js';
import type { Database } from './database.js';
import {
  createAuthorRepository,
  createSectionRepository,
  createTagRepository,
} from './taxonomy-repositories.js';
import { createTokenRepository } from './token-repository.js';

/**
 * The Store over any Kysely database with the Newsroom schema. The queries here are portable;
 * what differs between SQLite and PostgreSQL (connection, pragmas, migrations, full-text
 * search) belongs to the backend that calls this.
 */
export function createKyselyStore(
  db: Kysely<Database>,
  options: { beforeClose?: () => Promise<void> } = {},
): Store {
  let closing: Promise<void> | undefined;
  return {
    articles: createArticleRepository(db),
    sections: createSectionRepository(db),
    tags: createTagRepository(db),
    authors: createAuthorRepository(db),
    comments: createCommentRepository(db),
    tokens: createTokenRepository(db),
    async articleCount() {
      const row = await db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number | bigint | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
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
