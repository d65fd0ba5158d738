import type { Person } from '@newsroom/domain';
import { recordAudit } from '../audit-trail.js';
import type { Context } from '../context.js';

/** What a sign-in step answers: a session, or a ticket for the second factor. */
export type SignInResult =
  | { status: 'signed-in'; session: { secret: string; expiresAt: string }; person: Person }
  | {
      status: 'second-factor';
      ticket: string;
      methods: ('totp' | 'recovery-code')[];
      /** Set when the code just typed was wrong (a new ticket comes with it). */
      wrongCode?: true;
    };

/** How long a person has between a right password and their second factor. */
export const secondFactorMs = 5 * 60_000;

/** What a second-factor ticket remembers: no password, only how many codes were wrong and until when. */
export interface SecondFactorTicketValue {
  wrongCodes: number;
  expiresAt: number;
  /** How the first factor was given, for the audit trail. */
  via: 'password' | 'reset';
}

type Ctx = Pick<Context, 'store' | 'desk' | 'clientAddress' | 'userAgent' | 'principal'>;

/** A new session for `person` (a new secret every time: no fixation), recorded as a sign-in. */
export async function signedIn(ctx: Ctx, person: Person, method: string): Promise<SignInResult> {
  const { secret, session } = await ctx.store.sessions.create({
    personId: person.id,
    userAgent: ctx.userAgent.slice(0, 256),
    address: ctx.clientAddress.slice(0, 64),
    lifetimeMs: ctx.desk.sessionLifetimeMs,
  });
  await ctx.store.people.recordSignIn(person.id);
  await recordAudit(ctx, {
    action: 'sign-in',
    actor: { kind: 'person', id: person.id, name: person.name },
    objectType: 'session',
    objectId: session.id,
    detail: { method },
  });
  const fresh = (await ctx.store.people.byId(person.id)) ?? person;
  return { status: 'signed-in', session: { secret, expiresAt: session.expiresAt }, person: fresh };
}

/** A ticket for the second factor, and the ways the person can give it. */
export async function secondFactorAsked(
  ctx: Ctx,
  person: Person,
  value: SecondFactorTicketValue,
  wrongCode = false,
): Promise<SignInResult> {
  const ttlMs = value.expiresAt - Date.now();
  const { secret } = await ctx.store.challenges.create({
    kind: 'second-factor',
    personId: person.id,
    value: JSON.stringify(value),
    ttlMs: Math.max(1_000, ttlMs),
  });
  const methods: ('totp' | 'recovery-code')[] = ['totp'];
  if ((await ctx.store.people.recoveryCodesLeft(person.id)) > 0) methods.push('recovery-code');
  return {
    status: 'second-factor',
    ticket: secret,
    methods,
    ...(wrongCode ? { wrongCode: true as const } : {}),
  };
}

/** A ticket's value as stored, or null when it is not one this API wrote. */
export function ticketValueOf(value: string): SecondFactorTicketValue | null {
  try {
    const parsed = JSON.parse(value) as Partial<SecondFactorTicketValue>;
    if (typeof parsed.wrongCodes !== 'number' || typeof parsed.expiresAt !== 'number') return null;
    return {
      wrongCodes: parsed.wrongCodes,
      expiresAt: parsed.expiresAt,
      via: parsed.via === 'reset' ? 'reset' : 'password',
    };
  } catch {
    return null;
  }
}
