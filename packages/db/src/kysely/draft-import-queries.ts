import type { Article, AuthorRef, SectionRef, TagRef } from '@newsroom/domain';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ArticleImport } from '../draft-import-types.js';
import { MissingReferenceError } from '../errors.js';
import type { ArticleImportsTable, ArticlesTable, Database } from './database.js';
import { claimSlugs, lookupRedirect } from './redirect-repository.js';

/* The reads and writes of an import of outside copy; what they mean is in draft-import-rules.ts. */

/**
 * The import that brought this story in before: by the copy's identity when it has one, else
 * by its text. A story found by text whose earlier import had another identity is another story.
 */
export async function earlierImportOf(
  trx: Kysely<Database>,
  draft: { sourceId: string | null; contentHash: string },
): Promise<ArticleImport | undefined> {
  const { sourceId, contentHash } = draft;
  const row =
    sourceId === null
      ? await trx
          .selectFrom('article_imports')
          .selectAll()
          .where('content_hash', '=', contentHash)
          .orderBy('imported_at', 'desc')
          .limit(1)
          .executeTakeFirst()
      : // One query for both: a match by identity sorts before a match by text.
        await trx
          .selectFrom('article_imports')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('source_id', '=', sourceId),
              eb.and([eb('content_hash', '=', contentHash), eb('source_id', 'is', null)]),
            ]),
          )
          .orderBy((eb) => eb('source_id', 'is', null))
          .orderBy('imported_at', 'desc')
          .limit(1)
          .executeTakeFirst();
  return row && importOf(row);
}

export async function importByArticleId(
  db: Kysely<Database>,
  articleId: string,
): Promise<ArticleImport | undefined> {
  const row = await db
    .selectFrom('article_imports')
    .selectAll()
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row && importOf(row);
}

/** Records (or updates) what the article was imported from and which version the import wrote. */
export async function recordImport(
  trx: Kysely<Database>,
  article: Article,
  draft: { sourceId: string | null; contentHash: string },
  now: string,
): Promise<void> {
  const row = {
    content_hash: draft.contentHash,
    imported_version: article.version,
    imported_at: now,
  };
  // A copy without an identity keeps the one an earlier import learnt.
  const sourceId = draft.sourceId === null ? {} : { source_id: draft.sourceId };
  await trx
    .insertInto('article_imports')
    .values({ article_id: article.id, source_id: draft.sourceId, ...row })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ ...row, ...sourceId }))
    .execute();
}

/** The section (followed through a rename); MissingReferenceError when there is none. */
export async function sectionOf(trx: Kysely<Database>, slug: string | null): Promise<SectionRef | null> {
  if (slug === null) return null;
  const bySlug = (s: string) =>
    trx.selectFrom('sections').select(['slug', 'name']).where('slug', '=', s).executeTakeFirst();
  const found = await bySlug(slug);
  if (found) return found;
  const renamed = await lookupRedirect(trx, 'section', slug);
  const current = renamed ? await bySlug(renamed) : undefined;
  if (current) return current;
  throw new MissingReferenceError(`unknown section "${slug}"; an import does not create sections`);
}

/** Tags with any of these slugs or names. */
export async function tagsNamed(
  trx: Kysely<Database>,
  slugs: readonly string[],
  names: readonly string[],
): Promise<TagRef[]> {
  return trx
    .selectFrom('tags')
    .select(['slug', 'name', 'type'])
    .where((eb) => eb.or([eb('slug', 'in', [...slugs]), eb('name', 'in', [...names])]))
    .execute();
}

/** Authors with any of these slugs or names. */
export async function authorsNamed(
  trx: Kysely<Database>,
  slugs: readonly string[],
  names: readonly string[],
): Promise<AuthorRef[]> {
  return trx
    .selectFrom('authors')
    .select(['slug', 'name'])
    .where((eb) => eb.or([eb('slug', 'in', [...slugs]), eb('name', 'in', [...names])]))
    .execute();
}

export async function tagBySlug(trx: Kysely<Database>, slug: string): Promise<TagRef | undefined> {
  return trx.selectFrom('tags').select(['slug', 'name', 'type']).where('slug', '=', slug).executeTakeFirst();
}

export async function authorBySlug(trx: Kysely<Database>, slug: string): Promise<AuthorRef | undefined> {
  return trx.selectFrom('authors').select(['slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export async function insertTag(trx: Kysely<Database>, tag: TagRef): Promise<void> {
  await trx
    .insertInto('tags')
    .values({ ...tag, description: null })
    .execute();
}

export async function insertAuthor(trx: Kysely<Database>, author: AuthorRef): Promise<void> {
  await trx
    .insertInto('authors')
    .values({ ...author, bio: null, avatar: null })
    .execute();
}

/** A new article with its bylines and tags in order; its slug is current from now on. */
export async function insertNewArticle(
  trx: Kysely<Database>,
  row: Insertable<ArticlesTable> & { id: string; slug: string },
  authors: readonly AuthorRef[],
  tags: readonly TagRef[],
): Promise<void> {
  await trx.insertInto('articles').values(row).execute();
  // A new article has no bylines or tags to replace: inserted directly.
  if (authors.length > 0) {
    await trx
      .insertInto('article_authors')
      .values(
        authors.map(({ slug: author_slug }, position) => ({ article_id: row.id, position, author_slug })),
      )
      .execute();
  }
  if (tags.length > 0) {
    await trx
      .insertInto('article_tags')
      .values(tags.map(({ slug: tag_slug }, position) => ({ article_id: row.id, position, tag_slug })))
      .execute();
  }
  await claimSlugs(trx, 'article', [row.slug]);
}

export async function slugTaken(trx: Kysely<Database>, slug: string): Promise<boolean> {
  return (
    (await trx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
  );
}

/**
 * The article slugs that start with "base-": one range read over the slug index (in byte order
 * "base-" ≤ s < "base." holds every "base-…").
 */
export async function slugsStartingWith(trx: Kysely<Database>, base: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('articles')
    .select('slug')
    .where('slug', '>=', `${base}-`)
    .where('slug', '<', `${base}.`)
    .execute();
  return rows.map((row) => row.slug);
}

function importOf(row: Selectable<ArticleImportsTable>): ArticleImport {
  return {
    articleId: row.article_id,
    sourceId: row.source_id,
    contentHash: row.content_hash,
    importedVersion: row.imported_version,
    importedAt: row.imported_at,
  };
}
