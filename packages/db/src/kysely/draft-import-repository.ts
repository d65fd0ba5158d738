import { randomUUID } from 'node:crypto';
import {
  type Article,
  type ArticleEvent,
  type AuthorRef,
  statusEventType,
  type TagRef,
} from '@newsroom/domain';
import type { Kysely } from 'kysely';
import type { ImportDraftOptions, ImportDraftOutcome, ImportDraftResult } from '../draft-import-types.js';
import type { ImportRepository } from '../store.js';
import { articleBy, mustExist } from './article-queries.js';
import { recordRevision } from './article-revisions.js';
import { type ArticleRow, articleOf } from './article-rows.js';
import {
  type ArticleEdit,
  applyEdit,
  assertSlugFree,
  recordArticleEvent,
  saveTracked,
} from './article-writes.js';
import { articleRowOf } from './bulk-article-insert.js';
import type { Database } from './database.js';
import {
  authorBySlug,
  authorsNamed,
  earlierImportOf,
  importByArticleId,
  insertAuthor,
  insertNewArticle,
  insertTag,
  recordImport,
  sectionOf,
  slugsStartingWith,
  slugTaken,
  tagBySlug,
  tagsNamed,
} from './draft-import-queries.js';
import {
  bySlugOfName,
  contextOf,
  decisionFor,
  freeSlugOf,
  type ImportContext,
  type ImportDraft,
  namedRefs,
  newStatusOf,
  parsedDraft,
  statusMoveOf,
} from './draft-import-rules.js';
import type { Outbox } from './event-outbox.js';
import { claimSlugs, lookupRedirect } from './redirect-repository.js';

/** Stories per transaction in importDrafts: commits are what a file database pays for most. */
export const defaultDraftBatchSize = 100;
const maxDraftBatchSize = 1_000;

/** Thrown inside a dry run's transaction so that it rolls back, carrying the outcome out. */
class DryRunOutcome extends Error {
  constructor(readonly result: ImportDraftResult) {
    super('dry run: rolled back');
  }
}

/**
 * Imports of outside copy: finding the earlier import of the same story, creating, updating in
 * place or skipping (as draft-import-rules.ts decides), and recording what was imported. Each
 * story is written in its own transaction (importDraft) or savepoint (importDrafts), new tags and
 * authors included, so a story that fails leaves nothing behind.
 */
export function createImportRepository(db: Kysely<Database>, outbox: Outbox): ImportRepository {
  return {
    async importDraft(raw, options = {}) {
      const draft = parsedDraft(raw);
      const context = contextOf(options);
      if (!options.dryRun) return db.transaction().execute((trx) => importOne(trx, draft, context, outbox));
      try {
        await db.transaction().execute(async (trx) => {
          throw new DryRunOutcome(await importOne(trx, draft, context, outbox));
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
          yield* await importBatch(db, batch, options, outbox);
          batch = [];
        }
      }
      if (batch.length > 0) yield* await importBatch(db, batch, options, outbox);
    },

    async byArticleId(articleId) {
      return (await importByArticleId(db, articleId)) ?? null;
    },
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
  outbox: Outbox,
): Promise<ImportDraftOutcome[]> {
  const context = contextOf(options);
  const outcomes: ImportDraftOutcome[] = [];
  const trx = await db.startTransaction().execute();
  try {
    for (const raw of batch) {
      const story = await trx.savepoint('story').execute();
      try {
        const result = await importOne(story, parsedDraft(raw), context, outbox);
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

async function importOne(
  trx: Kysely<Database>,
  draft: ImportDraft,
  context: ImportContext,
  outbox: Outbox,
): Promise<ImportDraftResult> {
  const earlier = await earlierImportOf(trx, draft);
  const event = (type: ArticleEvent['type'], before: Article | null, after: Article) =>
    recordArticleEvent(outbox, trx, type, { before, after, actor: context.actor, at: context.now });
  if (!earlier) {
    const created = await createFrom(trx, draft, context);
    await event('article.created', null, created);
    // A receiver waiting for publications hears of copy that arrives published too.
    if (created.status !== 'draft') await event(statusEventType('draft', created.status), null, created);
    return { action: 'created', article: created };
  }

  const current = mustExist(await articleBy(trx, { id: earlier.articleId }), earlier.articleId);
  const decision = decisionFor(earlier, current, draft, context);
  if (decision.action === 'skip') {
    if (decision.rememberSourceId) await recordImport(trx, current, draft, context.now);
    return { action: 'skipped', reason: decision.reason, article: current };
  }
  let saved = current;
  if (decision.applyCopy) {
    saved = await applyEdit(trx, current, await editOf(trx, draft, context, current), {
      now: context.now,
      minor: false,
      kind: 'updated',
      actor: context.actor,
    });
  }
  const edited = saved;
  if (decision.moveTo !== undefined) {
    const move = statusMoveOf(saved, decision.moveTo, draft, context);
    saved = await saveTracked(trx, saved, 'status', context.actor, context.now, {
      status: move.status,
      published_at: move.publishedAt,
      scheduled_for: null,
      review_requested_at: null,
      updated_at: context.now,
    });
  }
  await recordImport(trx, saved, draft, context.now);
  if (decision.applyCopy) await event('article.updated', current, edited);
  if (saved.status !== edited.status)
    await event(statusEventType(edited.status, saved.status), edited, saved);
  return { action: 'updated', article: saved };
}

async function createFrom(
  trx: Kysely<Database>,
  draft: ImportDraft,
  context: ImportContext,
): Promise<Article> {
  const section = await sectionOf(trx, context.section ?? draft.section);
  const tags = await ensureTags(trx, draft.tags);
  const authors = await ensureAuthors(trx, draft.authors);
  const slug =
    draft.slug ??
    (await freeSlugOf(draft.headline, {
      taken: (s) => slugTaken(trx, s),
      siblings: (base) => slugsStartingWith(trx, base),
    }));
  if (draft.slug !== null) await assertSlugFree(trx, draft.slug);
  const { status, publishedAt } = newStatusOf(draft, context);
  const row = articleRowOf({
    id: randomUUID(),
    slug,
    headline: draft.headline,
    standfirst: draft.standfirst,
    body: draft.body,
    heroImage: draft.heroImage,
    dateline: draft.dateline,
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
  await insertNewArticle(trx, row, authors, tags);
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
    dateline: draft.dateline ?? undefined,
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

async function ensureTags(trx: Kysely<Database>, tags: ImportDraft['tags']): Promise<TagRef[]> {
  if (tags.length === 0) return [];
  const wanted = bySlugOfName('tag', tags);
  const rows = await tagsNamed(
    trx,
    [...wanted.keys()],
    tags.map((t) => t.name),
  );
  return namedRefs(wanted, rows, {
    renamed: async (slug) => {
      const current = await lookupRedirect(trx, 'tag', slug);
      return current ? tagBySlug(trx, current) : undefined;
    },
    create: async (slug, tag) => {
      const ref: TagRef = { slug, name: tag.name, type: tag.type ?? 'topic' };
      await insertTag(trx, ref);
      await claimSlugs(trx, 'tag', [slug]);
      return ref;
    },
  });
}

async function ensureAuthors(trx: Kysely<Database>, names: readonly string[]): Promise<AuthorRef[]> {
  if (names.length === 0) return [];
  const wanted = bySlugOfName(
    'author',
    names.map((name) => ({ name })),
  );
  const rows = await authorsNamed(trx, [...wanted.keys()], names);
  return namedRefs(wanted, rows, {
    renamed: async (slug) => {
      const current = await lookupRedirect(trx, 'author', slug);
      return current ? authorBySlug(trx, current) : undefined;
    },
    create: async (slug, author) => {
      const ref: AuthorRef = { slug, name: author.name };
      await insertAuthor(trx, ref);
      await claimSlugs(trx, 'author', [slug]);
      return ref;
    },
  });
}
