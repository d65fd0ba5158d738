import type { AuditEntry } from '@newsroom/domain';
import { recordAudit } from './audit-trail.js';
import type { Context } from './context.js';

/**
 * Which editorial and token mutations the audit trail records, and what each acted on. The
 * action is the procedure's path; the object is named by id or slug, from the input or the
 * result. Procedures that record their own, more precise entries (user.*, settings.*, auth.*,
 * account.*) are not listed, nor a reader's comment. A new write procedure that should be
 * audited is added here.
 */

type Detail = AuditEntry['detail'];
interface Described {
  objectType: string;
  objectId: (input: unknown, result: unknown) => string | null;
  /**
   * For a call that acts on several objects at once: one entry for each, so the trail of any
   * one of them (audit.list by objectId) tells the whole story. Replaces objectId.
   */
  objectIds?: (input: unknown, result: unknown) => string[];
  detail?: (input: unknown, result: unknown) => Detail;
}

/** A string or number field of an untyped value, else null: input is only read, never trusted. */
function field(value: unknown, ...path: string[]): string | null {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'number') return String(current);
  return typeof current === 'string' ? current : null;
}

/** The ids of a list of objects in an untyped value (the result's `comments`, say); others are skipped. */
function idsIn(value: unknown, key: string): string[] {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return [];
  const list = (value as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const id = field(item, 'id');
    return id === null ? [] : [id];
  });
}

/** Only the facts present: a missing one is left out rather than recorded as null. */
function facts(entries: Record<string, string | null>): Detail {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== null));
}

const articleDetail = (input: unknown, result: unknown) =>
  facts({
    slug: field(result, 'slug'),
    version: field(result, 'version'),
    scheduledFor: field(input, 'at'),
    revisionId: field(input, 'revisionId'),
  });

const byInputId = (objectType: string): Described => ({
  objectType,
  objectId: (input) => field(input, 'id'),
  detail: articleDetail,
});

const articleWrites: Record<string, Described> = {
  'article.create': {
    objectType: 'article',
    objectId: (_, result) => field(result, 'id'),
    detail: articleDetail,
  },
  ...Object.fromEntries(
    [
      'update',
      'submit',
      'publish',
      'schedule',
      'unpublish',
      'archive',
      'delete',
      'restore',
      'addCorrection',
    ].map((name) => [`article.${name}`, byInputId('article')]),
  ),
};

/** Tags, sections and authors go by slug; a rename records the new one. */
function taxonomyWrites(noun: 'tag' | 'section' | 'author'): Record<string, Described> {
  const bySlug: Described = {
    objectType: noun,
    objectId: (input) => field(input, 'slug'),
    detail: (input, result) => {
      const renamed = field(result, 'slug');
      return facts({ newSlug: renamed !== field(input, 'slug') ? renamed : null });
    },
  };
  return {
    [`${noun}.create`]: { objectType: noun, objectId: (input) => field(input, 'slug') },
    [`${noun}.update`]: bySlug,
    [`${noun}.delete`]: { objectType: noun, objectId: (input) => field(input, 'slug') },
    [`${noun}.merge`]: {
      objectType: noun,
      objectId: (input) => field(input, 'from'),
      detail: (input) => facts({ into: field(input, 'into') }),
    },
  };
}

const audited: ReadonlyMap<string, Described> = new Map(
  Object.entries({
    ...articleWrites,
    ...taxonomyWrites('tag'),
    ...taxonomyWrites('section'),
    ...taxonomyWrites('author'),
    'comment.moderate': {
      objectType: 'comment',
      objectId: (input) => field(input, 'id'),
      detail: (input) => facts({ status: field(input, 'status') }),
    },
    // Each comment the call changed, as if moderated one by one (ids it did not find are not).
    'comment.moderateMany': {
      objectType: 'comment',
      objectId: () => null,
      objectIds: (_, result) => idsIn(result, 'comments'),
      detail: (input) => ({ ...facts({ status: field(input, 'status') }), together: true }),
    },
    // The token's id and name only: its secret is in the result and must never be recorded.
    'token.create': {
      objectType: 'token',
      objectId: (_, result) => field(result, 'principal', 'tokenId'),
      detail: (_, result) =>
        facts({ name: field(result, 'principal', 'name'), role: field(result, 'principal', 'role') }),
    },
    // Filed under the article the link shows; the link's token is in the result and must never be recorded.
    'preview.create': {
      objectType: 'article',
      objectId: (input) => field(input, 'articleId'),
      detail: (_, result) =>
        facts({
          previewId: field(result, 'id'),
          purpose: field(result, 'purpose'),
          expiresAt: field(result, 'expiresAt'),
        }),
    },
    'preview.revoke': {
      objectType: 'article',
      objectId: (_, result) => field(result, 'articleId'),
      detail: (input, result) => ({
        previewId: field(input, 'id'),
        revoked: (result as { revoked?: unknown })?.revoked === true,
      }),
    },
    'media.update': {
      objectType: 'media',
      objectId: (input) => field(input, 'id'),
      detail: (input) =>
        facts({
          alt: field(input, 'alt') === null ? null : 'changed',
          focal:
            field(input, 'focal', 'x') === null
              ? null
              : `${field(input, 'focal', 'x')},${field(input, 'focal', 'y')}`,
        }),
    },
    'media.delete': { objectType: 'media', objectId: (input) => field(input, 'id') },
    // The endpoint's id and address only: its secret is in the result and must never be recorded.
    'webhook.create': {
      objectType: 'webhook',
      objectId: (_, result) => field(result, 'webhook', 'id'),
      detail: (_, result) => facts({ url: field(result, 'webhook', 'url') }),
    },
    'webhook.update': {
      objectType: 'webhook',
      objectId: (input) => field(input, 'id'),
      detail: (_, result) => ({
        ...facts({ url: field(result, 'url') }),
        enabled: (result as { enabled?: unknown })?.enabled === true,
      }),
    },
    'webhook.delete': { objectType: 'webhook', objectId: (input) => field(input, 'id') },
    'webhook.redeliver': {
      objectType: 'webhook',
      objectId: (_, result) => field(result, 'webhookId'),
      detail: (input) => facts({ deliveryId: field(input, 'deliveryId') }),
    },
    'token.revoke': {
      objectType: 'token',
      objectId: (input) => field(input, 'tokenId'),
      detail: (_, result) => ({ revoked: (result as { revoked?: unknown })?.revoked === true }),
    },
  } satisfies Record<string, Described>),
);

/** Whether a successful call of `path` is recorded by recordMutation. */
export const isAuditedMutation = (path: string): boolean => audited.has(path);

/**
 * Records a successful editorial or token mutation, by the caller, in the audit trail: called
 * by the middleware every procedure runs (trpc.ts) once the procedure has succeeded.
 */
export async function recordMutation(
  ctx: Pick<Context, 'principal' | 'store' | 'clientAddress'>,
  path: string,
  input: unknown,
  result: unknown,
): Promise<void> {
  const described = audited.get(path);
  if (!described) return;
  const detail = described.detail?.(input, result) ?? {};
  const objectIds = described.objectIds
    ? described.objectIds(input, result)
    : [described.objectId(input, result)];
  for (const objectId of objectIds) {
    await recordAudit(ctx, { action: path, objectType: described.objectType, objectId, detail });
  }
}
