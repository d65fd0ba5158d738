import type { AuditActor, AuditEntry } from '@newsroom/domain';
import type { Context } from './context.js';

/** Who the audit trail names for a caller: the person, the token, or nobody signed in. */
export function auditActorOf(ctx: Pick<Context, 'principal'>): AuditActor {
  const principal = ctx.principal;
  if (principal?.personId) return { kind: 'person', id: principal.personId, name: principal.name };
  if (principal?.tokenId) return { kind: 'token', id: principal.tokenId, name: principal.name };
  return { kind: 'system', id: null, name: 'anonymous' };
}

/**
 * Records one action in the audit trail, by the caller, from the caller's address. `detail`
 * holds small facts only: never a password, a token, a session secret or a link key.
 */
export function recordAudit(
  ctx: Pick<Context, 'principal' | 'store' | 'clientAddress'>,
  entry: {
    action: string;
    objectType?: string | null;
    objectId?: string | null;
    detail?: AuditEntry['detail'];
    /** Whom to name when the caller is not yet signed in (a failed sign-in names the email's owner, if any). */
    actor?: AuditActor;
  },
): Promise<AuditEntry> {
  return ctx.store.audit.record({
    actor: entry.actor ?? auditActorOf(ctx),
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    address: ctx.clientAddress,
    detail: entry.detail ?? {},
  });
}
