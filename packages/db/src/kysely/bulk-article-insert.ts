import { randomUUID } from 'node:crypto';
import { articleCacheKeys, type NewEvent, slugify } from '@newsroom/domain';
import type { Insertable, Kysely } from 'kysely';
import { ZodError, z } from 'zod';
import { InvalidInputError, MissingReferenceError, SlugTakenError } from '../errors.js';
import {
  type ImportArticle,
  type ImportArticleInput,
  ImportArticleInputSchema,
} from '../finished-article-input.js';
import { describeMissing } from './article-references.js';
import { derivedColumnsOf } from './article-rows.js';
import type { ArticlesTable, Database } from './database.js';
import type { Outbox } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { claimSlugs } from './redirect-repository.js';

/**
 * Articles per INSERT. Many rows per statement is what makes bulk loading fast; the caps keep
 * every statement under SQLite's limit of 32,766 bound parameters (PostgreSQL's is 65,535).
 */
export const defaultImportBatchSize = 200;
const maxImportBatchSize = 500;
const maxJoinRowsPerInsert = 5_000;
const maxEventsPerInsert = 500;

/**
 * Inserts finished articles in batches, reading the source lazily so an import of any size
 * runs in small memory (its events, a few hundred bytes an article, are kept to the end). Call
 * it inside a transaction: it checks references against the taxonomy as it was when it started,
 * and stops at the first invalid article. Each article's event (`article.published` for a
 * published one, else `article.created`) is recorded after the last batch, so the outbox's lock
 * (PostgreSQL) is held only for those inserts and the commit, not for the whole import.
 */
export async function insertArticlesInBatches(
  db: Kysely<Database>,
  outbox: Outbox,
  source: Iterable<ImportArticleInput> | AsyncIterable<ImportArticleInput>,
  options: { batchSize?: number; at: string },
): Promise<number> {
  const taxonomy = await taxonomySlugsOf(db);
  const size = Math.max(1, Math.min(options.batchSize ?? defaultImportBatchSize, maxImportBatchSize));
  const events: NewEvent[] = [];
  let batch: ImportArticle[] = [];
  const flush = async () => {
    const rows = await insertBatch(db, batch, taxonomy);
    rows.forEach((row, i) => {
      const article = batch[i];
      if (article) events.push(importEventOf(row, article));
    });
    batch = [];
  };
  for await (const raw of source) {
    batch.push(parsed(raw, events.length + batch.length));
    if (batch.length >= size) await flush();
  }
  if (batch.length > 0) await flush();
  for (const chunk of chunksOf(events, maxEventsPerInsert)) await outbox.recordMany(db, chunk, options.at);
  return events.length;
}

/** The event of one imported article, by the system: readers see it now if it is published. */
function importEventOf(row: { id: string; slug: string }, article: ImportArticle): NewEvent {
  const published = article.status === 'published';
  const refs = (slugs: readonly string[]) => slugs.map((slug) => ({ slug, name: '' }));
  return {
    type: published ? 'article.published' : 'article.created',
    actor: { kind: 'system', id: null, name: 'newsroom import' },
    cacheKeys: articleCacheKeys(null, {
      id: row.id,
      slug: row.slug,
      status: article.status,
      section: article.sectionSlug ? { slug: article.sectionSlug, name: '' } : null,
      tags: refs(article.tagSlugs).map((tag) => ({ ...tag, type: 'topic' as const })),
      authors: refs(article.authorSlugs),
    }),
    article: {
      id: row.id,
      slug: row.slug,
      status: article.status,
      previousSlug: null,
      seenByReaders: published,
    },
  };
}

function parsed(raw: ImportArticleInput, index: number): ImportArticle {
  try {
    return ImportArticleInputSchema.parse(raw);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const name = typeof raw?.headline === 'string' ? ` ("${raw.headline.slice(0, 60)}")` : '';
    throw new InvalidInputError(`article ${index + 1}${name} cannot be imported: ${z.prettifyError(error)}`, {
      cause: error,
    });
  }
}

interface TaxonomySlugs {
  sections: Set<string>;
  tags: Set<string>;
  authors: Set<string>;
}

async function taxonomySlugsOf(db: Kysely<Database>): Promise<TaxonomySlugs> {
  const slugs = async (table: 'sections' | 'tags' | 'authors') =>
    new Set((await db.selectFrom(table).select('slug').execute()).map((row) => row.slug));
  return { sections: await slugs('sections'), tags: await slugs('tags'), authors: await slugs('authors') };
}

async function insertBatch(
  db: Kysely<Database>,
  batch: ImportArticle[],
  taxonomy: TaxonomySlugs,
): Promise<{ id: string; slug: string }[]> {
  const rows = batch.map(articleRowOf);
  await assertNewArticles(db, rows);
  batch.forEach((article, i) => {
    assertKnownReferences(article, rows[i]?.slug ?? '', taxonomy);
  });

  await db.insertInto('articles').values(rows).execute();
  // The imported slugs are current now: old redirects from them stop.
  await claimSlugs(
    db,
    'article',
    rows.map((row) => row.slug),
  );
  const bylines = rows.flatMap(({ id }, i) =>
    (batch[i]?.authorSlugs ?? []).map((author_slug, position) => ({ article_id: id, position, author_slug })),
  );
  const tags = rows.flatMap(({ id }, i) =>
    (batch[i]?.tagSlugs ?? []).map((tag_slug, position) => ({ article_id: id, position, tag_slug })),
  );
  for (const chunk of chunksOf(bylines, maxJoinRowsPerInsert)) {
    await db.insertInto('article_authors').values(chunk).execute();
  }
  for (const chunk of chunksOf(tags, maxJoinRowsPerInsert)) {
    await db.insertInto('article_tags').values(chunk).execute();
  }
  return rows;
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function articleRowOf(
  article: ImportArticle,
): Insertable<ArticlesTable> & { id: string; slug: string } {
  const publishedAt = article.publishedAt && isoUtc(article.publishedAt);
  const createdAt = isoUtc(article.createdAt);
  return {
    id: article.id ?? randomUUID(),
    slug: article.slug ?? slugify(article.headline),
    headline: article.headline,
    standfirst: article.standfirst,
    body: JSON.stringify(article.body),
    status: article.status,
    created_at: createdAt,
    updated_at: article.updatedAt ? isoUtc(article.updatedAt) : (publishedAt ?? createdAt),
    published_at: publishedAt,
    scheduled_for: article.scheduledFor && isoUtc(article.scheduledFor),
    version: 1,
    section_slug: article.sectionSlug,
    hero_image: article.heroImage ? JSON.stringify(article.heroImage) : null,
    dateline: article.dateline,
    sources: JSON.stringify(article.sources),
    corrections: JSON.stringify(article.corrections),
    canonical_url: article.canonicalUrl,
    seo_title: article.seoTitle,
    seo_description: article.seoDescription,
    language: article.language,
    related_slugs: JSON.stringify(article.relatedSlugs),
    comment_policy: article.commentPolicy,
    review_requested_at: article.reviewRequestedAt && isoUtc(article.reviewRequestedAt),
    ...derivedColumnsOf(article.body, article.heroImage),
  };
}

/** Slugs and ids must be new to the database and unique within the batch. */
async function assertNewArticles(db: Kysely<Database>, rows: { id: string; slug: string }[]) {
  const slugs = new Set<string>();
  const ids = new Set<string>();
  for (const row of rows) {
    if (slugs.has(row.slug)) throw new SlugTakenError(row.slug);
    if (ids.has(row.id)) throw new InvalidInputError(`article id ${row.id} appears twice in the import`);
    slugs.add(row.slug);
    ids.add(row.id);
  }
  const existing = await db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where((eb) => eb.or([eb('slug', 'in', [...slugs]), eb('id', 'in', [...ids])]))
    .execute();
  for (const row of existing) {
    if (slugs.has(row.slug)) throw new SlugTakenError(row.slug);
    throw new InvalidInputError(`an article with the id ${row.id} already exists`);
  }
}

function assertKnownReferences(article: ImportArticle, slug: string, taxonomy: TaxonomySlugs) {
  const problems = [
    describeMissing(
      'section',
      article.sectionSlug && !taxonomy.sections.has(article.sectionSlug) ? [article.sectionSlug] : [],
    ),
    describeMissing(
      'tag',
      article.tagSlugs.filter((s) => !taxonomy.tags.has(s)),
    ),
    describeMissing(
      'author',
      article.authorSlugs.filter((s) => !taxonomy.authors.has(s)),
    ),
  ].filter(Boolean);
  if (problems.length > 0) throw new MissingReferenceError(`article "${slug}": ${problems.join('; ')}`);
}
