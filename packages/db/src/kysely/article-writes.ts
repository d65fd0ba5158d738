import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type Article,
  type ArticleEvent,
  articleCacheKeys,
  CorrectionSchema,
  CreateArticleInputSchema,
  limits,
  type RevisionKind,
  slugify,
  statusEventType,
  statusTransition,
  systemActor,
  type UpdateArticle,
  UpdateArticleInputSchema,
} from '@newsroom/domain';
import type { Kysely, Updateable } from 'kysely';
import {
  InvalidInputError,
  InvalidTransitionError,
  MissingReferenceError,
  NotFoundError,
  SlugTakenError,
  VersionConflictError,
} from '../errors.js';
import type { ArticleRepository } from '../store.js';
import { articleBy, dueScheduledQuery, mustExist } from './article-queries.js';
import { assertReferencesExist, writeArticleRefs } from './article-references.js';
import { actorOf, ensureBaselineRevision, recordRevision, revisionById } from './article-revisions.js';
import { derivedColumnsOf } from './article-rows.js';
import { insertArticlesInBatches } from './bulk-article-insert.js';
import type { ArticlesTable, Database } from './database.js';
import { eventActorOf, type Outbox } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { claimSlugs, forgetRedirectsTo, lookupRedirect, recordRedirect } from './redirect-repository.js';

type ArticleEventType = ArticleEvent['type'];

/** Scheduled articles publishDue publishes per round; it goes on until none is due. */
export const publishDueBatchSize = 100;

/** The fields an edit may change: an update's, or a revision's being restored. */
export type ArticleEdit = Omit<UpdateArticle, 'id' | 'version' | 'minor'>;

type ArticleWrites = Pick<
  ArticleRepository,
  | 'create'
  | 'update'
  | 'setStatus'
  | 'requestReview'
  | 'addCorrection'
  | 'delete'
  | 'restore'
  | 'publishDue'
  | 'importMany'
>;

/**
 * The write path of articles: every change is checked against the version it was based on, and
 * saved with a revision of who made it, in one transaction.
 */
export function createArticleWrites(db: Kysely<Database>, outbox: Outbox): ArticleWrites {
  /**
   * A tracked change of one article: inside one transaction, the article is read, its version
   * checked, the change applied, the resulting state saved as a revision by `actor`, and the
   * change's event (`type`, or the type worked out from the states before and after) recorded
   * last.
   */
  function change(
    id: string,
    version: number,
    event: {
      type: ArticleEventType | ((before: Article, after: Article) => ArticleEventType);
      actor: Actor;
      now: string;
    },
    apply: (trx: Kysely<Database>, current: Article) => Promise<Article>,
  ): Promise<Article> {
    return db.transaction().execute(async (trx) => {
      const current = mustExist(await articleBy(trx, { id }), id);
      if (current.version !== version) throw new VersionConflictError(version, current.version);
      const after = await apply(trx, current);
      const type = typeof event.type === 'function' ? event.type(current, after) : event.type;
      await recordArticleEvent(outbox, trx, type, {
        before: current,
        after,
        actor: event.actor,
        at: event.now,
      });
      return after;
    });
  }

  return {
    async create(raw, options) {
      const input = CreateArticleInputSchema.parse(raw);
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      const slug = input.slug ?? slugify(input.headline);
      return db.transaction().execute(async (trx) => {
        await assertSlugFree(trx, slug);
        await assertReferencesExist(trx, input);
        const relatedSlugs = await resolveRelatedPicks(trx, input.relatedSlugs, [], [slug]);
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
            related_slugs: JSON.stringify(relatedSlugs),
            comment_policy: input.commentPolicy,
            review_requested_at: null,
            ...derivedColumnsOf(input.body, input.heroImage),
          })
          .execute();
        await writeArticleRefs(trx, id, input);
        await claimSlugs(trx, 'article', [slug]);
        const created = mustExist(await articleBy(trx, { id }), id);
        await recordRevision(trx, created, 'created', actor, now);
        await recordArticleEvent(outbox, trx, 'article.created', {
          before: null,
          after: created,
          actor,
          at: now,
        });
        return created;
      });
    },

    async update(raw, options) {
      const { id, version, minor, ...edit } = UpdateArticleInputSchema.parse(raw);
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      return change(id, version, { type: 'article.updated', actor, now }, (trx, current) =>
        applyEdit(trx, current, edit, { now, minor, kind: 'updated', actor }),
      );
    },

    async setStatus(id, version, status, options) {
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      const type = (before: Article) => statusEventType(before.status, status);
      return change(id, version, { type, actor, now }, async (trx, current) => {
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
        return saveTracked(trx, current, 'status', actor, now, {
          status,
          // The first publication time stays: it is the date readers and feeds know the story by.
          published_at: status === 'published' ? (current.publishedAt ?? now) : current.publishedAt,
          scheduled_for: scheduledFor,
          // Any move ends a review request: the draft was published, scheduled or set aside.
          review_requested_at: null,
          updated_at: now,
        });
      });
    },

    async requestReview(id, version, options) {
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      return change(id, version, { type: 'article.submitted', actor, now }, async (trx, current) => {
        if (current.status !== 'draft') {
          throw new InvalidTransitionError(
            `only a draft can be sent for review; this article is ${current.status}`,
          );
        }
        // Not an edit of the story: updatedAt stays.
        return saveTracked(trx, current, 'status', actor, now, { review_requested_at: now });
      });
    },

    async addCorrection(id, version, note, options) {
      const text = CorrectionSchema.shape.note.parse(note);
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      return change(id, version, { type: 'article.corrected', actor, now }, async (trx, current) => {
        if (current.publishedAt === null) {
          throw new InvalidTransitionError(
            'only an article that has been published can carry a correction; edit the draft instead',
          );
        }
        if (current.corrections.length >= limits.corrections) {
          throw new InvalidInputError(`an article can carry at most ${limits.corrections} corrections`);
        }
        const corrections = [...current.corrections, { date: now, note: text }];
        return saveTracked(trx, current, 'corrected', actor, now, {
          corrections: JSON.stringify(corrections),
          updated_at: now,
        });
      });
    },

    async delete(id, version, options) {
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      await db.transaction().execute(async (trx) => {
        const current = await articleBy(trx, { id });
        if (!current) throw new NotFoundError(`no article has the id ${id}`);
        if (current.version !== version) throw new VersionConflictError(version, current.version);
        // Revisions, comments, bylines and tags go with it (ON DELETE CASCADE); so does its
        // entry in the search index (trigger). Old slugs must not lead to it any more.
        await forgetRedirectsTo(trx, 'article', current.slug);
        const result = await trx
          .deleteFrom('articles')
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (result.numDeletedRows !== 1n) throw new VersionConflictError(version, current.version);
        await recordArticleEvent(outbox, trx, 'article.deleted', {
          before: current,
          after: null,
          actor,
          at: now,
        });
      });
    },

    async restore(id, revisionId, version, options) {
      const now = isoUtc(options?.now ?? new Date());
      const actor = actorOf(options?.actor);
      return change(id, version, { type: 'article.updated', actor, now }, async (trx, current) => {
        const revision = await revisionById(trx, id, revisionId);
        if (!revision) throw new NotFoundError(`article ${id} has no revision ${revisionId}`);
        const edit = await editOfSnapshot(trx, revision.snapshot);
        return applyEdit(trx, current, edit, { now, minor: false, kind: 'restored', actor });
      });
    },

    async publishDue(now) {
      const at = isoUtc(now);
      const published: Article[] = [];
      // In rounds, so each read is bounded. What a round does not publish is no longer due (the
      // scheduler in another process published it) or was edited meanwhile and is read again
      // in the next round. The round limit only guards against a bug.
      for (let round = 0; round < 10_000; round++) {
        const due = await dueScheduledQuery(db, at, publishDueBatchSize).execute();
        if (due.length === 0) break;
        for (const { id } of due) {
          const article = await publishIfDue(db, outbox, id, at);
          if (article) published.push(article);
        }
      }
      return published;
    },

    importMany(articles, options) {
      const at = isoUtc(options?.now ?? new Date());
      return db
        .transaction()
        .execute((trx) =>
          insertArticlesInBatches(trx, outbox, articles, { batchSize: options?.batchSize, at }),
        );
    },
  };
}

/**
 * Publishes one scheduled article if it is due, in its own transaction, and returns it; null
 * when it is not (any more) scheduled and due. The UPDATE repeats the conditions, so of two
 * processes that both read the article as due, exactly one changes it: the other's UPDATE
 * matches no row (in SQLite because writers take turns; in PostgreSQL because an UPDATE
 * re-checks its WHERE against the row the other transaction committed).
 */
export async function publishIfDue(
  db: Kysely<Database>,
  outbox: Outbox,
  id: string,
  at: string,
): Promise<Article | null> {
  return db.transaction().execute(async (trx) => {
    const before = await articleBy(trx, { id });
    if (before?.status !== 'scheduled' || !before.scheduledFor || isoUtc(before.scheduledFor) > at) {
      return null;
    }
    const result = await trx
      .updateTable('articles')
      .set({
        status: 'published',
        published_at: before.publishedAt ?? at,
        scheduled_for: null,
        review_requested_at: null,
        updated_at: at,
        version: before.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', before.version)
      .where('status', '=', 'scheduled')
      .where('scheduled_for', '<=', at)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) return null;
    await ensureBaselineRevision(trx, before);
    const published = mustExist(await articleBy(trx, { id }), id);
    await recordRevision(trx, published, 'status', systemActor, at);
    await recordArticleEvent(outbox, trx, 'article.published', {
      before,
      after: published,
      actor: systemActor,
      at,
    });
    return published;
  });
}

/** Applies an edit (an update, or a revision being restored) as the next version. */
export async function applyEdit(
  trx: Kysely<Database>,
  current: Article,
  edit: ArticleEdit,
  options: { now: string; minor: boolean; kind: RevisionKind; actor: Actor },
): Promise<Article> {
  const renamed = edit.slug !== undefined && edit.slug !== current.slug;
  if (renamed && edit.slug) await assertSlugFree(trx, edit.slug);
  await assertReferencesExist(trx, edit);
  const relatedSlugs =
    edit.relatedSlugs &&
    (await resolveRelatedPicks(trx, edit.relatedSlugs, current.relatedSlugs, [
      current.slug,
      edit.slug ?? current.slug,
    ]));
  const body = edit.body ?? current.body;
  const heroImage = edit.heroImage !== undefined ? edit.heroImage : current.heroImage;
  // Kysely leaves undefined values out of the SET list: fields not sent stay as they are.
  const changes: Updateable<ArticlesTable> = {
    slug: edit.slug,
    headline: edit.headline,
    standfirst: edit.standfirst,
    body: edit.body && JSON.stringify(edit.body),
    section_slug: edit.sectionSlug,
    hero_image: edit.heroImage === undefined ? undefined : edit.heroImage && JSON.stringify(edit.heroImage),
    dateline: edit.dateline,
    sources: edit.sources && JSON.stringify(edit.sources),
    canonical_url: edit.canonicalUrl,
    seo_title: edit.seoTitle,
    seo_description: edit.seoDescription,
    language: edit.language,
    related_slugs: relatedSlugs && JSON.stringify(relatedSlugs),
    comment_policy: edit.commentPolicy,
    ...derivedColumnsOf(body, heroImage),
    updated_at: options.minor ? current.updatedAt : options.now,
  };
  await ensureBaselineRevision(trx, current);
  await saveVersion(trx, current, changes);
  await writeArticleRefs(trx, current.id, edit);
  if (renamed && edit.slug) await recordRedirect(trx, 'article', current.slug, edit.slug, options.now);
  const saved = mustExist(await articleBy(trx, { id: current.id }), current.id);
  await recordRevision(trx, saved, options.kind, options.actor, options.now);
  return saved;
}

/** Saves the next version with `changes` and records it as a revision of `kind`. */
export async function saveTracked(
  trx: Kysely<Database>,
  current: Article,
  kind: RevisionKind,
  actor: Actor,
  now: string,
  changes: Updateable<ArticlesTable>,
): Promise<Article> {
  await ensureBaselineRevision(trx, current);
  await saveVersion(trx, current, changes);
  const saved = mustExist(await articleBy(trx, { id: current.id }), current.id);
  await recordRevision(trx, saved, kind, actor, now);
  return saved;
}

/**
 * The editable fields of a saved state, with its section, tags and authors as they are named
 * now: renamed or merged ones are followed to their current slug, deleted ones left out (the
 * revision cannot bring them back). Related picks are resolved the same way.
 */
async function editOfSnapshot(trx: Kysely<Database>, snapshot: Article): Promise<ArticleEdit> {
  const current = async (kind: 'tag' | 'author' | 'section', slugs: readonly string[]) => {
    const table = kind === 'tag' ? 'tags' : kind === 'author' ? 'authors' : 'sections';
    const live = new Set(
      slugs.length === 0
        ? []
        : (await trx.selectFrom(table).select('slug').where('slug', 'in', slugs).execute()).map(
            (r) => r.slug,
          ),
    );
    const result: string[] = [];
    for (const slug of slugs) {
      const now = live.has(slug) ? slug : await lookupRedirect(trx, kind, slug);
      if (now && !result.includes(now)) result.push(now);
    }
    return result;
  };
  const [sectionSlug = null] = snapshot.section ? await current('section', [snapshot.section.slug]) : [];
  const relatedSlugs = await resolveRelatedPicks(trx, snapshot.relatedSlugs, snapshot.relatedSlugs, [
    snapshot.slug,
  ]);
  return {
    slug: snapshot.slug,
    headline: snapshot.headline,
    standfirst: snapshot.standfirst,
    body: snapshot.body,
    heroImage: snapshot.heroImage,
    dateline: snapshot.dateline,
    sources: snapshot.sources,
    canonicalUrl: snapshot.canonicalUrl,
    seoTitle: snapshot.seoTitle,
    seoDescription: snapshot.seoDescription,
    language: snapshot.language,
    sectionSlug,
    authorSlugs: await current(
      'author',
      snapshot.authors.map((a) => a.slug),
    ),
    tagSlugs: await current(
      'tag',
      snapshot.tags.map((t) => t.slug),
    ),
    relatedSlugs,
    commentPolicy: snapshot.commentPolicy,
  };
}

/**
 * Related picks as current article slugs: a renamed story is followed to its new slug, and the
 * article itself (any of `own` slugs) is left out. A slug that names no article is refused
 * (MissingReferenceError) unless it was already among the article's picks (`kept`): a pick
 * whose story was deleted stays harmlessly, and is skipped when related stories are shown.
 */
async function resolveRelatedPicks(
  trx: Kysely<Database>,
  slugs: readonly string[],
  kept: readonly string[],
  own: readonly string[],
): Promise<string[]> {
  if (slugs.length === 0) return [];
  const live = new Set(
    (await trx.selectFrom('articles').select('slug').where('slug', 'in', slugs).execute()).map((r) => r.slug),
  );
  const resolved: string[] = [];
  const missing: string[] = [];
  for (const slug of slugs) {
    if (own.includes(slug)) continue;
    const now = live.has(slug) ? slug : await lookupRedirect(trx, 'article', slug);
    if (now === null && !kept.includes(slug)) missing.push(slug);
    const pick = now ?? slug;
    if (!resolved.includes(pick) && !own.includes(pick)) resolved.push(pick);
  }
  if (missing.length > 0) {
    const quoted = missing.map((slug) => `"${slug}"`).join(', ');
    throw new MissingReferenceError(`unknown related ${missing.length > 1 ? 'stories' : 'story'} ${quoted}`);
  }
  return resolved;
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

export async function assertSlugFree(db: Kysely<Database>, slug: string): Promise<void> {
  const taken = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) throw new SlugTakenError(slug);
}

/**
 * Records an article's event in the change's transaction, as its last statement: PostgreSQL's
 * outbox lock is then held only for the insert and the commit, never while waiting for a row.
 */
export function recordArticleEvent(
  outbox: Outbox,
  trx: Kysely<Database>,
  type: ArticleEventType,
  change: { before: Article | null; after: Article | null; actor: Actor; at: string },
): Promise<void> {
  const { before, after } = change;
  const subject = after ?? before;
  if (!subject) throw new Error('an article event needs the article before or after the change');
  return outbox.record(
    trx,
    {
      type,
      actor: eventActorOf(change.actor),
      cacheKeys: articleCacheKeys(before, after),
      article: {
        id: subject.id,
        slug: subject.slug,
        status: subject.status,
        previousSlug: before && after && before.slug !== after.slug ? before.slug : null,
        seenByReaders: before?.status === 'published' || after?.status === 'published',
      },
    },
    change.at,
  );
}
