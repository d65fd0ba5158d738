import { randomUUID } from 'node:crypto';
import {
  type AuditEntry,
  AuditEntrySchema,
  AuditQuerySchema,
  decodeCursor,
  encodeCursor,
  limits,
  TimestampSchema,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import type { AuditRepository } from '../store.js';
import type { AuditLogTable, Database } from './database.js';
import { isoUtc } from './iso-time.js';

const maxAddress = 64;
const maxActorName = 200;
const maxDetailKeys = 20;
const maxDetailValue = 500;

const AuditInputSchema = AuditEntrySchema.omit({ id: true, at: true })
  .extend({
    at: TimestampSchema.optional(),
    actor: AuditEntrySchema.shape.actor.extend({ name: z.string().max(maxActorName) }),
    objectType: z.string().max(limits.auditAction).nullable(),
    objectId: z.string().max(limits.auditObjectId).nullable(),
    address: z.string().nullable(),
    detail: z
      .record(
        z.string().max(60),
        z.union([z.string().max(maxDetailValue), z.number(), z.boolean(), z.null()]),
      )
      .refine((detail) => Object.keys(detail).length <= maxDetailKeys, {
        message: `an audit entry's detail has at most ${maxDetailKeys} facts`,
      }),
  })
  .strict();

/** The audit trail: appended to, never changed; read newest first. */
export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async record(raw) {
      const result = AuditInputSchema.safeParse(raw);
      if (!result.success) {
        throw new InvalidInputError(result.error.issues.map((issue) => issue.message).join('; '));
      }
      const input = result.data;
      const row: Selectable<AuditLogTable> = {
        id: randomUUID(),
        at: isoUtc(input.at ?? new Date()),
        actor_kind: input.actor.kind,
        actor_id: input.actor.id,
        actor_name: input.actor.name,
        action: input.action,
        object_type: input.objectType,
        object_id: input.objectId,
        // Shortened, not refused: a forwarded header is the client's to make long.
        address: input.address === null ? null : input.address.slice(0, maxAddress),
        detail: JSON.stringify(input.detail),
      };
      await db.insertInto('audit_log').values(row).execute();
      return entryOf(row);
    },

    async list(raw) {
      const parsed = AuditQuerySchema.safeParse(raw);
      if (!parsed.success) {
        throw new InvalidInputError(parsed.error.issues.map((issue) => issue.message).join('; '));
      }
      const query = parsed.data;
      let select = db.selectFrom('audit_log').selectAll();
      if (query.actorId) select = select.where('actor_id', '=', query.actorId);
      if (query.objectType) select = select.where('object_type', '=', query.objectType);
      if (query.objectId) select = select.where('object_id', '=', query.objectId);
      if (query.action) select = select.where('action', '=', query.action);
      if (query.from) select = select.where('at', '>=', isoUtc(query.from));
      if (query.to) select = select.where('at', '<', isoUtc(query.to));
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        if (!after) throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
        select = select.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('at', 'id'), '<', tuple(isoUtc(after.at), after.id)),
        );
      }
      const rows = await select
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(entryOf),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
      };
    },
  };
}

function entryOf(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    address: row.address,
    detail: JSON.parse(row.detail) as AuditEntry['detail'],
  };
}
