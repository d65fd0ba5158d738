import { randomUUID } from 'node:crypto';
import { PreviewCreatorSchema, type PreviewLink, PreviewPurposeSchema } from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { PreviewRepository } from '../store.js';
import type { ArticlePreviewsTable, Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { maxSecretLength, newSecret, secretHashOf } from './secrets.js';

/** Marks a string as a Newsroom preview secret, so a leaked one is recognisable in logs. */
export const previewSecretPrefix = 'nrp_';
/** An article has no more live share links than this worth listing; the list stays bounded. */
const maxListed = 100;

/**
 * Preview links. A link is live while it is neither revoked nor expired; anything else,
 * and a secret that was never ours, resolves to null alike, so a link's holder cannot tell
 * which it was.
 */
export function createPreviewRepository(db: Kysely<Database>): PreviewRepository {
  return {
    async create(articleId, { expiresAt, purpose, actor, now = new Date() }) {
      const creator = PreviewCreatorSchema.parse(actor);
      PreviewPurposeSchema.parse(purpose);
      if (!(expiresAt.getTime() > now.getTime())) {
        throw new InvalidInputError('a preview link must expire after it is made');
      }
      const secret = newSecret(previewSecretPrefix);
      const row = {
        id: randomUUID(),
        secret_hash: secretHashOf(secret),
        purpose,
        created_by_person_id: creator.personId,
        created_by_name: creator.name,
        created_at: isoUtc(now),
        expires_at: isoUtc(expiresAt),
      };
      // Taken from the article's own row in one statement, so a link to an article that does
      // not exist (or is being deleted) is simply not made, rather than a foreign-key failure.
      const result = await db
        .insertInto('article_previews')
        .columns([
          'id',
          'article_id',
          'secret_hash',
          'purpose',
          'created_by_person_id',
          'created_by_name',
          'created_at',
          'expires_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('articles')
            .select([
              eb.val(row.id).as('id'),
              'articles.id as article_id',
              eb.val(row.secret_hash).as('secret_hash'),
              eb.val(row.purpose).as('purpose'),
              eb.val(row.created_by_person_id).as('created_by_person_id'),
              eb.val(row.created_by_name).as('created_by_name'),
              eb.val(row.created_at).as('created_at'),
              eb.val(row.expires_at).as('expires_at'),
            ])
            .where('articles.id', '=', articleId),
        )
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) {
        throw new NotFoundError(`No article has the id ${articleId}`);
      }
      return { id: row.id, secret, expiresAt: row.expires_at };
    },

    async resolve(secret, now = new Date()) {
      if (!secret.startsWith(previewSecretPrefix) || secret.length > maxSecretLength) return null;
      const row = await db
        .selectFrom('article_previews')
        .select(['article_id', 'expires_at'])
        .where('secret_hash', '=', secretHashOf(secret))
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', isoUtc(now))
        .executeTakeFirst();
      return row ? { articleId: row.article_id, expiresAt: row.expires_at } : null;
    },

    async byId(id) {
      const row = await db.selectFrom('article_previews').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? previewLinkOf(row) : null;
    },

    async list(articleId, now = new Date()) {
      const rows = await db
        .selectFrom('article_previews')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('purpose', '=', 'share')
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', isoUtc(now))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(maxListed)
        .execute();
      return rows.map(previewLinkOf);
    },

    async revoke(id, now = new Date()) {
      const result = await db
        .updateTable('article_previews')
        .set({ revoked_at: isoUtc(now) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async prune(now = new Date()) {
      const at = isoUtc(now);
      const result = await db
        .deleteFrom('article_previews')
        .where((eb) => eb.or([eb('expires_at', '<=', at), eb('revoked_at', '<=', at)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function previewLinkOf(row: Selectable<ArticlePreviewsTable>): PreviewLink {
  return {
    id: row.id,
    articleId: row.article_id,
    purpose: row.purpose,
    createdBy: { personId: row.created_by_person_id, name: row.created_by_name },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
