import { AuditActionSchema, limits } from '@newsroom/domain';
import { z } from 'zod';

/** What the audit trail's address asks for, checked; `problems` says which filter was not valid. */
export interface AuditFilters {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  problems: Record<string, string>;
}

const ObjectTypeSchema = z
  .string()
  .min(1)
  .max(limits.auditAction)
  .regex(/^[a-z][a-z-]*$/);
const ObjectIdSchema = z.string().min(1).max(limits.auditObjectId);

/**
 * The filters of /audit from its query: a person or token (`actor`), an action, an object. A
 * value that is not valid is left out (the list is shown without it) and named in `problems`.
 */
export function auditFiltersOf(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = { problems: {} };
  const actor = params.get('actor')?.trim() ?? '';
  if (actor) {
    const parsed = z.uuid().safeParse(actor);
    if (parsed.success) filters.actorId = parsed.data;
    else filters.problems.actor = 'choose someone from the list';
  }
  const action = params.get('action')?.trim() ?? '';
  if (action) {
    const parsed = AuditActionSchema.safeParse(action.slice(0, 200));
    if (parsed.success) filters.action = parsed.data;
    else
      filters.problems.action =
        'an action is lower-case words joined by dots or dashes, like article.publish';
  }
  const objectType = ObjectTypeSchema.safeParse(params.get('objectType') ?? '');
  const objectId = ObjectIdSchema.safeParse(params.get('objectId') ?? '');
  if (objectType.success && objectId.success) {
    filters.objectType = objectType.data;
    filters.objectId = objectId.data;
  }
  return filters;
}

/** The query that shows these filters again, with or without a cursor. */
export function auditQueryOf(filters: Omit<AuditFilters, 'problems'>, cursor?: string): string {
  const query = new URLSearchParams();
  if (filters.actorId) query.set('actor', filters.actorId);
  if (filters.action) query.set('action', filters.action);
  if (filters.objectType && filters.objectId) {
    query.set('objectType', filters.objectType);
    query.set('objectId', filters.objectId);
  }
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `/audit?${text}` : '/audit';
}

/** Actions worth offering as the action field's suggestions; any other may be typed. */
export const commonActions = [
  'sign-in',
  'sign-in.failed',
  'sign-out',
  'user.invite',
  'user.update',
  'user.suspend',
  'settings.update',
  'token.create',
  'token.revoke',
  'article.create',
  'article.publish',
  'article.delete',
  'comment.moderate',
  'comment.moderateMany',
  'tag.merge',
  'section.merge',
  'author.merge',
] as const;
