import { randomUUID } from 'node:crypto';
import {
  type Actor,
  ActorSchema,
  type Article,
  type ArticleRevision,
  decodeTupleCursor,
  encodeTupleCursor,
  type Page,
  type RevisionKind,
  systemActor,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { ArticleRevisionsTable, Database } from './database.js';
import { pageLimitOf } from './page-limit.js';

/**
 * Saved states of articles. Each tracked write stores the whole article as it was after the
 * change, in the same transaction as the change, with who made it. Revisions are listed by
 * version, newest first: the version grows with every save, while timestamps come from the
 * callers' clocks and can tie.
 */

/** The actor of a write: the one given (checked like any input), or the system. */
export function actorOf(actor: Actor | undefined): Actor {
  return actor ? ActorSchema.parse(actor) : systemActor;
}

export async function recordRevision(
  db: Kysely<Database>,
  article: Article,
  kind: RevisionKind,
  actor: Actor,
  at: string,
): Promise<void> {
  await db
    .insertInto('article_revisions')
    .values({
      id: randomUUID(),
      article_id: article.id,
      version: article.version,
      kind,
      created_at: at,
      actor_token_id: actor.tokenId,
      actor_name: actor.name,
      snapshot: JSON.stringify(article),
    })
    .execute();
}

/**
 * Imported articles, and those saved before revisions existed, have none. Before their first
 * tracked change their current state is saved as the 'created' revision, so it can be restored.
 */
export async function ensureBaselineRevision(db: Kysely<Database>, current: Article): Promise<void> {
  const any = await db
    .selectFrom('article_revisions')
    .select('id')
    .where('article_id', '=', current.id)
    .limit(1)
    .executeTakeFirst();
  if (!any) await recordRevision(db, current, 'created', systemActor, current.updatedAt);
}

export async function revisionsPage(
  db: Kysely<Database>,
  articleId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<Page<ArticleRevision>> {
  const limit = pageLimitOf(query.limit);
  let beforeVersion: number | null = null;
  if (query.cursor) {
    const [version] = decodeTupleCursor(query.cursor, 1) ?? [];
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
      throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
    }
    beforeVersion = version;
  }
  const rows = await revisionsQuery(db, articleId, beforeVersion, limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(revisionOf),
    nextCursor: rows.length > limit && last ? encodeTupleCursor([last.version]) : null,
  };
}

/** An article's revisions, newest first, older than `beforeVersion` when given. */
export function revisionsQuery(
  db: Kysely<Database>,
  articleId: string,
  beforeVersion: number | null,
  fetchLimit: number,
) {
  let select = db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId);
  if (beforeVersion !== null) select = select.where('version', '<', beforeVersion);
  return select.orderBy('version', 'desc').limit(fetchLimit);
}

export async function revisionById(
  db: Kysely<Database>,
  articleId: string,
  revisionId: string,
): Promise<ArticleRevision | null> {
  const row = await db
    .selectFrom('article_revisions')
    .selectAll()
    .where('id', '=', revisionId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row ? revisionOf(row) : null;
}

function revisionOf(row: Selectable<ArticleRevisionsTable>): ArticleRevision {
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    kind: row.kind,
    createdAt: row.created_at,
    actor: { tokenId: row.actor_token_id, name: row.actor_name },
    snapshot: JSON.parse(row.snapshot) as Article,
  };
}
