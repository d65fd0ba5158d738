import { randomUUID } from 'node:crypto';
import {
  type Article,
  type ArticleStatus,
  CreateArticleInputSchema,
  decodeCursor,
  encodeCursor,
  slugify,
  statusTransition,
  UpdateArticleInputSchema,
} from '@newsroom/domain';
import type { Kysely, Updateable } from 'kysely';
import {
  InvalidTransitionError,
  NotFoundError,
  SlugTakenError,
  StoreError,
  VersionConflictError,
} from '../errors.js';
import type { ArticleRepository } from '../store.js';
import { importArticles } from './article-import.js';
import { articleListQuery, articleRowQuery } from './article-queries.js';
import { assertReferencesExist, refsOf, writeArticleRefs } from './article-references.js';
import { articleOf, derivedColumnsOf, summaryOf } from './article-rows.js';
import type { ArticlesTable, Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';

export function createArticleRepository(db: Kysely<Database>): ArticleRepository {
  return {
    async list(query) {
      const limit = pageLimitOf(query.limit);
      const after = query.cursor ? decodeCursor(query.cursor) : null;
      if (query.cursor && !after) {
        throw new StoreError('cursor is not valid; use nextCursor from a previous page');
      }
      const rows = await articleListQuery(db, query, after, limit + 1).execute();
      const page = rows.slice(0, limit);
      const refs = await refsOf(
        db,
        page.map((row) => row.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((row) => summaryOf(row, refs.get(row.id) ?? { authors: [], tags: [] })),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.listed_at, id: last.id }) : null,
      };
    },

    async bySlug(slug, options) {
      const status = options?.status ?? 'published';
      return articleBy(db, { slug }, status === 'any' ? undefined : [status]);
    },

    async byId(id) {
      return articleBy(db, { id });
    },

    async create(raw, options) {
      const input = CreateArticleInputSchema.parse(raw);
      const now = isoUtc(options?.now ?? new Date());
      const slug = input.slug ?? slugify(input.headline);
      return db.transaction().execute(async (trx) => {
        await assertSlugFree(trx, slug);
        await assertReferencesExist(trx, input);
        const id = randomUUID();
        await trx
          .insertInto('articles')
          .values({
            id,
            slug,
            headline: input.headline,
            standfirst: input.standfirst,
            body: JSON.stringify(input.body),
            status: 'draft',
            created_at: now,
            updated_at: now,
            published_at: null,
            scheduled_for: null,
            version: 1,
            section_slug: input.sectionSlug,
            hero_image: input.heroImage ? JSON.stringify(input.heroImage) : null,
            dateline: input.dateline,
            sources: JSON.stringify(input.sources),
            corrections: '[]',
            canonical_url: input.canonicalUrl,
            seo_title: input.seoTitle,
            seo_description: input.seoDescription,
            language: input.language,
            ...derivedColumnsOf(input.body, input.heroImage),
          })
          .execute();
        await writeArticleRefs(trx, id, input);
        return mustExist(await articleBy(trx, { id }), id);
      });
    },

    async update(raw, options) {
      const input = UpdateArticleInputSchema.parse(raw);
      const now = isoUtc(options?.now ?? new Date());
      return db.transaction().execute(async (trx) => {
        const current = mustExist(await articleBy(trx, { id: input.id }), input.id);
        if (current.version !== input.version) throw new VersionConflictError(input.version, current.version);
        if (input.slug !== undefined && input.slug !== current.slug) await assertSlugFree(trx, input.slug);
        await assertReferencesExist(trx, input);
        const body = input.body ?? current.body;
        const heroImage = input.heroImage !== undefined ? input.heroImage : current.heroImage;
        // Kysely leaves undefined values out of the SET list: fields not sent stay as they are.
        const changes: Updateable<ArticlesTable> = {
          slug: input.slug,
          headline: input.headline,
          standfirst: input.standfirst,
          body: input.body && JSON.stringify(input.body),
          section_slug: input.sectionSlug,
          hero_image:
            input.heroImage === undefined ? undefined : input.heroImage && JSON.stringify(input.heroImage),
          dateline: input.dateline,
          sources: input.sources && JSON.stringify(input.sources),
          canonical_url: input.canonicalUrl,
          seo_title: input.seoTitle,
          seo_description: input.seoDescription,
          language: input.language,
          ...derivedColumnsOf(body, heroImage),
          updated_at: input.minor ? current.updatedAt : now,
        };
        await saveVersion(trx, current, changes);
        await writeArticleRefs(trx, current.id, input);
        return mustExist(await articleBy(trx, { id: current.id }), current.id);
      });
    },

    async setStatus(id, version, status, options) {
      const now = isoUtc(options?.now ?? new Date());
      return db.transaction().execute(async (trx) => {
        const current = mustExist(await articleBy(trx, { id }), id);
        if (current.version !== version) throw new VersionConflictError(version, current.version);
        const transition = statusTransition(current.status, status);
        if (!transition.ok) throw new InvalidTransitionError(transition.reason);
        let scheduledFor: string | null = null;
        if (status === 'scheduled') {
          if (!options?.scheduledFor)
            throw new InvalidTransitionError('scheduling an article needs a scheduledFor time');
          scheduledFor = isoUtc(options.scheduledFor);
          if (scheduledFor <= now) {
            throw new InvalidTransitionError(
              `scheduledFor must be in the future, not ${options.scheduledFor}`,
            );
          }
        }
        await saveVersion(trx, current, {
          status,
          // The first publication time stays: it is the date readers and feeds know the story by.
          published_at: status === 'published' ? (current.publishedAt ?? now) : current.publishedAt,
          scheduled_for: scheduledFor,
          updated_at: now,
        });
        return mustExist(await articleBy(trx, { id }), id);
      });
    },

    importMany(articles, options) {
      return db.transaction().execute((trx) => importArticles(trx, articles, options?.batchSize));
    },
  };
}

async function articleBy(
  db: Kysely<Database>,
  by: { id: string } | { slug: string },
  statuses?: readonly ArticleStatus[],
): Promise<Article | null> {
  const row = await articleRowQuery(db, by, statuses).executeTakeFirst();
  if (!row) return null;
  const refs = await refsOf(db, [row.id]);
  return articleOf(row, refs.get(row.id) ?? { authors: [], tags: [] });
}

/**
 * Writes the next version only if nobody saved since `current` was read: the version check is
 * part of the UPDATE itself, so it holds even where the read above is not locked.
 */
async function saveVersion(
  db: Kysely<Database>,
  current: Article,
  changes: Updateable<ArticlesTable>,
): Promise<void> {
  const result = await db
    .updateTable('articles')
    .set({ ...changes, version: current.version + 1 })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) {
    const now = await db
      .selectFrom('articles')
      .select('version')
      .where('id', '=', current.id)
      .executeTakeFirst();
    if (!now) throw new NotFoundError(`no article has the id ${current.id}`);
    throw new VersionConflictError(current.version, now.version);
  }
}

async function assertSlugFree(db: Kysely<Database>, slug: string): Promise<void> {
  const taken = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) throw new SlugTakenError(slug);
}

function mustExist(article: Article | null, id: string): Article {
  if (!article) throw new NotFoundError(`no article has the id ${id}`);
  return article;
}
