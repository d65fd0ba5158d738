import type { Kysely } from 'kysely';
import { MissingReferenceError } from '../errors.js';
import type { ArticleRefs } from './article-rows.js';
import type { Database } from './database.js';

export interface ReferenceSlugs {
  sectionSlug?: string | null | undefined;
  tagSlugs?: readonly string[] | undefined;
  authorSlugs?: readonly string[] | undefined;
}

/** Throws MissingReferenceError naming every section, tag and author that does not exist. */
export async function assertReferencesExist(db: Kysely<Database>, refs: ReferenceSlugs): Promise<void> {
  const missing: string[] = [];
  if (refs.sectionSlug) {
    const found = await db
      .selectFrom('sections')
      .select('slug')
      .where('slug', '=', refs.sectionSlug)
      .execute();
    if (found.length === 0) missing.push(describeMissing('section', [refs.sectionSlug]));
  }
  if (refs.tagSlugs?.length) {
    const found = await db.selectFrom('tags').select('slug').where('slug', 'in', refs.tagSlugs).execute();
    missing.push(describeMissing('tag', absent(refs.tagSlugs, found)));
  }
  if (refs.authorSlugs?.length) {
    const found = await db
      .selectFrom('authors')
      .select('slug')
      .where('slug', 'in', refs.authorSlugs)
      .execute();
    missing.push(describeMissing('author', absent(refs.authorSlugs, found)));
  }
  const message = missing.filter(Boolean).join('; ');
  if (message) throw new MissingReferenceError(message);
}

function absent(wanted: readonly string[], found: { slug: string }[]): string[] {
  const present = new Set(found.map((row) => row.slug));
  return wanted.filter((slug) => !present.has(slug));
}

/** `unknown tag "x"`, `unknown tags "x", "y"`, or '' when nothing is missing. */
export function describeMissing(kind: 'section' | 'tag' | 'author', slugs: readonly string[]): string {
  if (slugs.length === 0) return '';
  return `unknown ${kind}${slugs.length > 1 ? 's' : ''} ${slugs.map((s) => `"${s}"`).join(', ')}`;
}

/** Replaces an article's byline and tags (whichever are given), keeping the given order. */
export async function writeArticleRefs(
  db: Kysely<Database>,
  articleId: string,
  refs: { authorSlugs?: readonly string[] | undefined; tagSlugs?: readonly string[] | undefined },
): Promise<void> {
  if (refs.authorSlugs) {
    await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
    if (refs.authorSlugs.length > 0) {
      await db
        .insertInto('article_authors')
        .values(
          refs.authorSlugs.map((author_slug, position) => ({ article_id: articleId, position, author_slug })),
        )
        .execute();
    }
  }
  if (refs.tagSlugs) {
    await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    if (refs.tagSlugs.length > 0) {
      await db
        .insertInto('article_tags')
        .values(refs.tagSlugs.map((tag_slug, position) => ({ article_id: articleId, position, tag_slug })))
        .execute();
    }
  }
}

/**
 * Bylines and tags of many articles in two queries, whatever the number of articles: a list
 * page costs the same three queries for 1 item or 100.
 */
export async function refsOf(
  db: Kysely<Database>,
  articleIds: readonly string[],
): Promise<Map<string, ArticleRefs>> {
  const refs = new Map<string, ArticleRefs>(articleIds.map((id) => [id, { authors: [], tags: [] }]));
  if (articleIds.length === 0) return refs;
  const authors = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.slug', 'article_authors.author_slug')
    .select(['article_authors.article_id', 'authors.slug', 'authors.name'])
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.slug', 'article_tags.tag_slug')
    .select(['article_tags.article_id', 'tags.slug', 'tags.name', 'tags.type'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .execute();
  for (const { article_id, slug, name } of authors) refs.get(article_id)?.authors.push({ slug, name });
  for (const { article_id, slug, name, type } of tags) refs.get(article_id)?.tags.push({ slug, name, type });
  return refs;
}
