import { z } from 'zod';
import { TimestampSchema } from './article.js';
import { limits } from './limits.js';

/**
 * The audit trail: who did what to which object, when and from where. It never holds a
 * password, a token, a session id or a one-time link: only ids and names.
 */

export const AuditActorSchema = z.object({
  kind: z.enum(['person', 'token', 'system']),
  /** The person's or the token's id; null for the system. */
  id: z.uuid().nullable(),
  name: z.string(),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

/** An action name: "sign-in", "sign-in.failed", "article.publish", "user.invite", … */
export const AuditActionSchema = z
  .string()
  .min(1)
  .max(limits.auditAction)
  .regex(/^[a-z][a-zA-Z0-9.-]*$/, 'an action is lower-case words joined by dots or dashes');

export const AuditEntrySchema = z.object({
  id: z.uuid(),
  at: TimestampSchema,
  actor: AuditActorSchema,
  action: AuditActionSchema,
  /** What was acted on: "article", "person", "token", "comment", "session", … */
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The address the request came from; null for the system. */
  address: z.string().nullable(),
  /** Small facts about the action (the new role, the reason a sign-in failed); never secrets. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditEntryInput = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

export const AuditQuerySchema = z
  .object({
    /** A person's or a token's id. */
    actorId: z.uuid().optional(),
    objectType: z.string().max(limits.auditAction).optional(),
    objectId: z.string().max(limits.auditObjectId).optional(),
    action: AuditActionSchema.optional(),
    /** Entries at or after this time. */
    from: TimestampSchema.optional(),
    /** Entries before this time. */
    to: TimestampSchema.optional(),
    cursor: z.string().max(limits.cursor).optional(),
    limit: z.number().int().min(1).max(limits.pageMax).default(limits.pageDefault),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
