import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type Article,
  type ArticleDraft,
  ArticleDraftSchema,
  type AuthorRef,
  issuesLine,
  type SectionRef,
  SlugSchema,
  slugify,
  statusTransition,
  type TagRef,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { ZodError } from 'zod';
import {
  InvalidInputError,
  InvalidTransitionError,
  MissingReferenceError,
  SlugTakenError,
} from '../errors.js';
import {
  type ArticleImport,
  type ImportDraftOptions,
  type ImportDraftOutcome,
  type ImportDraftResult,
  type ImportStatus,
  importStatuses,
} from '../import-draft.js';
import type { ImportRepository } from '../store.js';
import { rowOf } from './article-import.js';
import {
  type ArticleEdit,
  applyEdit,
  articleBy,
  assertSlugFree,
  mustExist,
  saveTracked,
} from './article-repository.js';
import { actorOf, recordRevision } from './article-revisions.js';
import { type ArticleRow, articleOf } from './article-rows.js';
import type { ArticleImportsTable, Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { claimSlugs, lookupRedirect } from './redirects.js';

/** Stories per transaction in importDrafts: commits are what a file database pays for most. */
export const defaultDraftBatchSize = 100;
const maxDraftBatchSize = 1_000;

/** Numbered slugs tried, after the highest taken, before a headline's slug is declared taken. */
const maxSlugTries = 100;

/** Thrown inside a dry run's transaction so that it rolls back, carrying the outcome out. */
class DryRunOutcome extends Error {
  constructor(readonly result: ImportDraftResult) {
    super('dry run: rolled back');
  }
}

interface ImportContext {
  now: string;
  actor: Actor;
  status: ImportStatus | undefined;
  section: string | undefined;
  force: boolean;
}

/**
 * Imports of outside copy: finding the earlier import of the same story, creating, updating in
 * place or skipping, and recording what was imported. Each story is written in its own
 * transaction (importDraft) or savepoint (importDrafts), new tags and authors included, so a
 * story that fails leaves nothing behind.
 */
export function createImportRepository(db: Kysely<Database>): ImportRepository {
  return {
    async importDraft(raw, options = {}) {
      const draft = parsedDraft(raw);
      const context = contextOf(options);
      if (!options.dryRun) return db.transaction().execute((trx) => importOne(trx, draft, context));
      try {
        await db.transaction().execute(async (trx) => {
          throw new DryRunOutcome(await importOne(trx, draft, context));
        });
      } catch (error) {
        if (error instanceof DryRunOutcome) return error.result;
        throw error;
      }
      throw new Error('a dry run ended without an outcome');
    },

    async *importDrafts(drafts, options = {}) {
      const size = Math.max(1, Math.min(options.batchSize ?? defaultDraftBatchSize, maxDraftBatchSize));
      let batch: unknown[] = [];
      for await (const draft of drafts) {
        batch.push(draft);
        if (batch.length >= size) {
          yield* await importBatch(db, batch, options);
          batch = [];
        }
      }
      if (batch.length > 0) yield* await importBatch(db, batch, options);
    },

    async byArticleId(articleId) {
      const row = await db
        .selectFrom('article_imports')
        .selectAll()
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      return row ? importOf(row) : null;
    },
  };
}

function contextOf(options: ImportDraftOptions): ImportContext {
  if (options.status !== undefined && !importStatuses.includes(options.status)) {
    throw new InvalidInputError(`an import makes ${importStatuses.join(' or ')} articles only`);
  }
  return {
    now: isoUtc(options.now ?? new Date()),
    actor: actorOf(options.actor),
    status: options.status,
    section: options.section,
    force: options.force ?? false,
  };
}

/**
 * Stories of one batch in one transaction, each inside its own savepoint: a story that fails is
 * rolled back to its savepoint, so nothing of it stays, and the batch goes on. In a dry run
 * every story is rolled back as soon as it is decided, so each is decided against the
 * database as it was, as importDraft would. Outcomes are returned once the batch is committed.
 */
async function importBatch(
  db: Kysely<Database>,
  batch: readonly unknown[],
  options: ImportDraftOptions,
): Promise<ImportDraftOutcome[]> {
  const context = contextOf(options);
  const outcomes: ImportDraftOutcome[] = [];
  const trx = await db.startTransaction().execute();
  try {
    for (const raw of batch) {
      const story = await trx.savepoint('story').execute();
      try {
        const result = await importOne(story, parsedDraft(raw), context);
        if (options.dryRun) await story.rollbackToSavepoint('story').execute();
        outcomes.push({ ok: true, result });
      } catch (error) {
        await story.rollbackToSavepoint('story').execute();
        outcomes.push({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
      }
      await story.releaseSavepoint('story').execute();
    }
    if (options.dryRun) await trx.rollback().execute();
    else await trx.commit().execute();
  } catch (error) {
    // The error that stopped the batch is the one to report, not a failed rollback after it.
    await trx
      .rollback()
      .execute()
      .catch(() => undefined);
    throw error;
  }
  return outcomes;
}

/** A draft as an import takes it: a status it may give, if any. */
type ImportDraft = ArticleDraft & { status: ImportStatus | null };

function parsedDraft(raw: unknown): ImportDraft {
  let draft: ArticleDraft;
  try {
    draft = ArticleDraftSchema.parse(raw);
  } catch (error) {
    if (error instanceof ZodError) throw new InvalidInputError(issuesLine(error), { cause: error });
    throw error;
  }
  const { status } = draft;
  if (status !== null && !isImportStatus(status)) {
    throw new InvalidInputError(`status: an import makes ${importStatuses.join(' or ')} articles only`);
  }
  return { ...draft, status };
}

function isImportStatus(status: string): status is ImportStatus {
  return (importStatuses as readonly string[]).includes(status);
}

async function importOne(
  trx: Kysely<Database>,
  draft: ImportDraft,
  context: ImportContext,
): Promise<ImportDraftResult> {
  const earlier = await earlierImportOf(trx, draft);
  if (!earlier) return { action: 'created', article: await createFrom(trx, draft, context) };

  const current = mustExist(await articleBy(trx, { id: earlier.article_id }), earlier.article_id);
  const edited = current.version > earlier.imported_version;
  if (edited && !context.force) return { action: 'skipped', reason: 'edited since import', article: current };
  const copyChanged = earlier.content_hash !== draft.contentHash;
  const status = context.status ?? draft.status ?? undefined;
  const statusChanged = status !== undefined && status !== current.status;
  if (!copyChanged && !edited && !statusChanged) {
    // The copy may name the story's identity now where it did not before: remember it.
    if (draft.sourceId && earlier.source_id === null) await recordImport(trx, current, draft, context.now);
    return { action: 'skipped', reason: 'unchanged', article: current };
  }

  let saved = current;
  if (copyChanged || edited) {
    saved = await applyEdit(trx, current, await editOf(trx, draft, context, current), {
      now: context.now,
      minor: false,
      kind: 'updated',
      actor: context.actor,
    });
  }
  if (status !== undefined && status !== saved.status)
    saved = await moveTo(trx, saved, status, draft, context);
  await recordImport(trx, saved, draft, context.now);
  return { action: 'updated', article: saved };
}

/**
 * The import that brought this story in before: by the copy's identity when it has one, else
 * by its text. A story found by text whose earlier import had another identity is another story.
 */
async function earlierImportOf(
  trx: Kysely<Database>,
  draft: ImportDraft,
): Promise<Selectable<ArticleImportsTable> | undefined> {
  const { sourceId, contentHash } = draft;
  if (sourceId === null) {
    return trx
      .selectFrom('article_imports')
      .selectAll()
      .where('content_hash', '=', contentHash)
      .orderBy('imported_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
  // One query for both: a match by identity sorts before a match by text.
  return trx
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
}

async function createFrom(
  trx: Kysely<Database>,
  draft: ImportDraft,
  context: ImportContext,
): Promise<Article> {
  const section = await sectionOf(trx, context.section ?? draft.section);
  const tags = await ensureTags(trx, draft.tags);
  const authors = await ensureAuthors(trx, draft.authors);
  const slug = draft.slug ?? (await freeSlugFrom(trx, draft.headline));
  if (draft.slug !== null) await assertSlugFree(trx, draft.slug);
  const status = context.status ?? draft.status ?? 'draft';
  const publishedAt = status === 'published' ? isoUtc(draft.publishedAt ?? context.now) : null;
  const row = rowOf({
    id: randomUUID(),
    slug,
    headline: draft.headline,
    standfirst: draft.standfirst,
    body: draft.body,
    heroImage: draft.heroImage,
    dateline: null,
    sources: draft.sources,
    canonicalUrl: draft.canonicalUrl,
    seoTitle: null,
    seoDescription: null,
    language: draft.language ?? 'en',
    sectionSlug: section?.slug ?? null,
    authorSlugs: authors.map((a) => a.slug),
    tagSlugs: tags.map((t) => t.slug),
    relatedSlugs: [],
    commentPolicy: 'moderated',
    status,
    createdAt: context.now,
    // A story published before it reached us was last changed when it was published.
    updatedAt: publishedAt ?? context.now,
    publishedAt,
    scheduledFor: null,
    corrections: [],
    reviewRequestedAt: null,
  });
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
  await claimSlugs(trx, 'article', [slug]);
  // Everything the article is made of is known here: no need to read it back.
  const created = articleOf(
    {
      ...row,
      seq: 0,
      listed_at: publishedAt ?? context.now,
      section_name: section?.name ?? null,
    } as ArticleRow,
    { authors, tags },
  );
  await recordRevision(trx, created, 'created', context.actor, context.now);
  await recordImport(trx, created, draft, context.now);
  return created;
}

/**
 * What a changed copy changes: headline and body always; the other fields the copy carries
 * when it carries them (an empty one keeps what the article has, such as an editor's
 * standfirst or tags). The slug stays, so links keep working, unless the copy names another.
 */
async function editOf(
  trx: Kysely<Database>,
  draft: ImportDraft,
  context: ImportContext,
  current: Article,
): Promise<ArticleEdit> {
  const section = context.section ?? draft.section;
  return {
    slug: draft.slug ?? undefined,
    headline: draft.headline,
    body: draft.body,
    standfirst: draft.standfirst ?? undefined,
    heroImage: draft.heroImage ?? undefined,
    sources: draft.sources.length > 0 ? draft.sources : undefined,
    canonicalUrl: draft.canonicalUrl ?? undefined,
    language: draft.language ?? undefined,
    sectionSlug: section ? (await sectionOf(trx, section))?.slug : undefined,
    tagSlugs: draft.tags.length > 0 ? (await ensureTags(trx, draft.tags)).map((t) => t.slug) : undefined,
    authorSlugs:
      draft.authors.length > 0 ? (await ensureAuthors(trx, draft.authors)).map((a) => a.slug) : undefined,
    // Picks are the editor's; a restored import keeps them as they are.
    relatedSlugs: undefined,
    commentPolicy: current.commentPolicy,
  };
}

/** Publishes or unpublishes as the import asks, by the domain's rules for status moves. */
async function moveTo(
  trx: Kysely<Database>,
  current: Article,
  status: ImportStatus,
  draft: ImportDraft,
  context: ImportContext,
): Promise<Article> {
  const transition = statusTransition(current.status, status);
  if (!transition.ok) throw new InvalidTransitionError(transition.reason);
  return saveTracked(trx, current, 'status', context.actor, context.now, {
    status,
    published_at:
      status === 'published'
        ? (current.publishedAt ?? isoUtc(draft.publishedAt ?? context.now))
        : current.publishedAt,
    scheduled_for: null,
    review_requested_at: null,
    updated_at: context.now,
  });
}

async function recordImport(trx: Kysely<Database>, article: Article, draft: ImportDraft, now: string) {
  const row = {
    content_hash: draft.contentHash,
    imported_version: article.version,
    imported_at: now,
  };
  const sourceId = draft.sourceId === null ? {} : { source_id: draft.sourceId };
  await trx
    .insertInto('article_imports')
    .values({ article_id: article.id, source_id: draft.sourceId, ...row })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ ...row, ...sourceId }))
    .execute();
}

/** The section (followed through a rename); MissingReferenceError when there is none. */
async function sectionOf(trx: Kysely<Database>, slug: string | null): Promise<SectionRef | null> {
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

/**
 * The named tags, in order and each once: found by the slug of the name, else by the name
 * itself, else through a rename; created when none of these finds one.
 */
async function ensureTags(trx: Kysely<Database>, tags: ImportDraft['tags']): Promise<TagRef[]> {
  if (tags.length === 0) return [];
  const wanted = slugged('tag', tags);
  const rows = await trx
    .selectFrom('tags')
    .select(['slug', 'name', 'type'])
    .where((eb) =>
      eb.or([
        eb('slug', 'in', [...wanted.keys()]),
        eb(
          'name',
          'in',
          tags.map((t) => t.name),
        ),
      ]),
    )
    .execute();
  return resolvedRefs(trx, 'tag', wanted, rows, async (slug, tag) => {
    const ref: TagRef = { slug, name: tag.name, type: tag.type ?? 'topic' };
    await trx
      .insertInto('tags')
      .values({ ...ref, description: null })
      .execute();
    return ref;
  });
}

async function ensureAuthors(trx: Kysely<Database>, names: readonly string[]): Promise<AuthorRef[]> {
  if (names.length === 0) return [];
  const wanted = slugged(
    'author',
    names.map((name) => ({ name })),
  );
  const rows = await trx
    .selectFrom('authors')
    .select(['slug', 'name'])
    .where((eb) => eb.or([eb('slug', 'in', [...wanted.keys()]), eb('name', 'in', [...names])]))
    .execute();
  return resolvedRefs(trx, 'author', wanted, rows, async (slug, author) => {
    const ref: AuthorRef = { slug, name: author.name };
    await trx
      .insertInto('authors')
      .values({ ...ref, bio: null, avatar: null })
      .execute();
    return ref;
  });
}

/** Each item by the slug of its name (the first of those that share one). */
function slugged<T extends { name: string }>(kind: 'tag' | 'author', items: readonly T[]): Map<string, T> {
  const wanted = new Map<string, T>();
  for (const item of items) {
    const slug = slugify(item.name);
    if (!SlugSchema.safeParse(slug).success) {
      throw new InvalidInputError(`${kind} "${item.name}" does not make a usable slug`);
    }
    if (!wanted.has(slug)) wanted.set(slug, item);
  }
  return wanted;
}

async function resolvedRefs<T extends { name: string }, R extends { slug: string; name: string }>(
  trx: Kysely<Database>,
  kind: 'tag' | 'author',
  wanted: ReadonlyMap<string, T>,
  rows: readonly R[],
  create: (slug: string, item: T) => Promise<R>,
): Promise<R[]> {
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const byName = new Map(rows.map((row) => [row.name, row]));
  const refs: R[] = [];
  for (const [slug, item] of wanted) {
    let ref = bySlug.get(slug) ?? byName.get(item.name);
    if (!ref) {
      const renamed = await lookupRedirect(trx, kind, slug);
      if (renamed) ref = (await refBySlug(trx, kind, renamed)) as R | undefined;
    }
    if (!ref) {
      ref = await create(slug, item);
      await claimSlugs(trx, kind, [slug]);
    }
    const found = ref;
    if (!refs.some((r) => r.slug === found.slug)) refs.push(found);
  }
  return refs;
}

async function refBySlug(trx: Kysely<Database>, kind: 'tag' | 'author', slug: string) {
  return kind === 'tag'
    ? trx.selectFrom('tags').select(['slug', 'name', 'type']).where('slug', '=', slug).executeTakeFirst()
    : trx.selectFrom('authors').select(['slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/**
 * The headline's slug, or when an article has it, slug-N for the next N after the highest
 * taken: one range read over the slug index (in byte order "slug-" ≤ s < "slug." holds every
 * "slug-…"), then a check that the choice is free, so no collation can make it wrong.
 */
async function freeSlugFrom(trx: Kysely<Database>, headline: string): Promise<string> {
  const base = slugify(headline);
  if (!(await slugTaken(trx, base))) return base;
  const siblings = await trx
    .selectFrom('articles')
    .select('slug')
    .where('slug', '>=', `${base}-`)
    .where('slug', '<', `${base}.`)
    .execute();
  let n = 1;
  for (const { slug } of siblings) {
    const suffix = slug.slice(base.length + 1);
    if (/^\d{1,9}$/.test(suffix)) n = Math.max(n, Number(suffix));
  }
  for (let tries = 0; tries < maxSlugTries; tries++) {
    const slug = `${base}-${n + 1 + tries}`;
    if (!SlugSchema.safeParse(slug).success) break;
    if (!(await slugTaken(trx, slug))) return slug;
  }
  throw new SlugTakenError(base);
}

async function slugTaken(trx: Kysely<Database>, slug: string): Promise<boolean> {
  return (
    (await trx.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
  );
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
