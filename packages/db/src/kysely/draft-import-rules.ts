import {
  type Actor,
  type Article,
  type ArticleDraft,
  ArticleDraftSchema,
  issuesLine,
  SlugSchema,
  slugify,
  statusTransition,
} from '@newsroom/domain';
import { ZodError } from 'zod';
import {
  type ArticleImport,
  type ImportDraftOptions,
  type ImportSkipReason,
  type ImportStatus,
  importStatuses,
} from '../draft-import-types.js';
import { InvalidInputError, InvalidTransitionError, SlugTakenError } from '../errors.js';
import { actorOf } from './article-revisions.js';
import { isoUtc } from './iso-time.js';

/*
 * What an import of outside copy decides, apart from how it reads and writes: which statuses it
 * may give, whether a story seen before is skipped or updated, how tags and authors named in the
 * copy are found, and which slug a new story gets. No SQL here: the repository asks the database
 * and hands the answers in.
 */

/** A draft as an import takes it: a status it may give, if any. */
export type ImportDraft = ArticleDraft & { status: ImportStatus | null };

export interface ImportContext {
  now: string;
  actor: Actor;
  status: ImportStatus | undefined;
  section: string | undefined;
  force: boolean;
}

/** Numbered slugs tried, after the highest taken, before a headline's slug is declared taken. */
const maxSlugTries = 100;

/** The draft checked as the Store checks every input (it trusts no caller); InvalidInputError names the fields. */
export function parsedDraft(raw: unknown): ImportDraft {
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

export function contextOf(options: ImportDraftOptions): ImportContext {
  if (options.status !== undefined && !isImportStatus(options.status)) {
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

function isImportStatus(status: string): status is ImportStatus {
  return (importStatuses as readonly string[]).includes(status);
}

/** A new story's status and publication time: the option's status, else the copy's, else draft. */
export function newStatusOf(
  draft: ImportDraft,
  context: ImportContext,
): { status: ImportStatus; publishedAt: string | null } {
  const status = context.status ?? draft.status ?? 'draft';
  return { status, publishedAt: status === 'published' ? isoUtc(draft.publishedAt ?? context.now) : null };
}

export type ImportDecision =
  | { action: 'skip'; reason: ImportSkipReason; rememberSourceId: boolean }
  | { action: 'update'; applyCopy: boolean; moveTo: ImportStatus | undefined };

/**
 * What to do with a story imported before (`earlier`), now the article `current`: an article
 * edited since is skipped unless forced; the same copy with no status to change is skipped (the
 * import then learns the copy's identity, if it had none); otherwise the copy is applied where it
 * changed or was edited over, and the article moved to the status asked for.
 */
export function decisionFor(
  earlier: ArticleImport,
  current: Article,
  draft: ImportDraft,
  context: ImportContext,
): ImportDecision {
  const edited = current.version > earlier.importedVersion;
  if (edited && !context.force)
    return { action: 'skip', reason: 'edited since import', rememberSourceId: false };
  const copyChanged = earlier.contentHash !== draft.contentHash;
  const status = context.status ?? draft.status ?? undefined;
  const statusChanged = status !== undefined && status !== current.status;
  if (!copyChanged && !edited && !statusChanged) {
    return {
      action: 'skip',
      reason: 'unchanged',
      rememberSourceId: draft.sourceId !== null && earlier.sourceId === null,
    };
  }
  return { action: 'update', applyCopy: copyChanged || edited, moveTo: statusChanged ? status : undefined };
}

/**
 * Publishing or unpublishing as the import asks, by the domain's rules for status moves
 * (InvalidTransitionError otherwise). A story published before keeps its first publication time.
 */
export function statusMoveOf(
  current: Article,
  status: ImportStatus,
  draft: ImportDraft,
  context: ImportContext,
): { status: ImportStatus; publishedAt: string | null } {
  const transition = statusTransition(current.status, status);
  if (!transition.ok) throw new InvalidTransitionError(transition.reason);
  const publishedAt =
    status === 'published'
      ? (current.publishedAt ?? isoUtc(draft.publishedAt ?? context.now))
      : current.publishedAt;
  return { status, publishedAt };
}

/** Each named item by the slug of its name (the first of those that share one). */
export function bySlugOfName<T extends { name: string }>(
  kind: 'tag' | 'author',
  items: readonly T[],
): Map<string, T> {
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

/**
 * The tags or authors a copy names, in order and each once: found by the slug of the name, else
 * by the name itself (among `rows`, read by both), else through a rename, else created.
 */
export async function namedRefs<T extends { name: string }, R extends { slug: string; name: string }>(
  wanted: ReadonlyMap<string, T>,
  rows: readonly R[],
  find: { renamed: (slug: string) => Promise<R | undefined>; create: (slug: string, item: T) => Promise<R> },
): Promise<R[]> {
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const byName = new Map(rows.map((row) => [row.name, row]));
  const refs: R[] = [];
  for (const [slug, item] of wanted) {
    const ref =
      bySlug.get(slug) ??
      byName.get(item.name) ??
      (await find.renamed(slug)) ??
      (await find.create(slug, item));
    if (!refs.some((r) => r.slug === ref.slug)) refs.push(ref);
  }
  return refs;
}

/**
 * The headline's slug, or when an article has it, slug-N for the next N after the highest of
 * its numbered `siblings` (the taken slugs that start with "slug-"), each choice checked with
 * `taken`; SlugTakenError after 100 tries.
 */
export async function freeSlugOf(
  headline: string,
  db: { taken: (slug: string) => Promise<boolean>; siblings: (base: string) => Promise<string[]> },
): Promise<string> {
  const base = slugify(headline);
  if (!(await db.taken(base))) return base;
  let n = 1;
  for (const slug of await db.siblings(base)) {
    const suffix = slug.slice(base.length + 1);
    if (/^\d{1,9}$/.test(suffix)) n = Math.max(n, Number(suffix));
  }
  for (let tries = 0; tries < maxSlugTries; tries++) {
    const slug = `${base}-${n + 1 + tries}`;
    if (!SlugSchema.safeParse(slug).success) break;
    if (!(await db.taken(slug))) return slug;
  }
  throw new SlugTakenError(base);
}
