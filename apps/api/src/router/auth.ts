import { EmailSchema, hasRole, type Person } from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordAudit } from '../audit-trail.js';
import type { Context } from '../context.js';
import {
  AuthenticationResponseSchema,
  authenticationOptions,
  ceremonyMs,
  relyingPartyOf,
  verifiedAuthentication,
} from '../people/passkeys.js';
import { NewPasswordSchema, needsStrongPassword, TypedPasswordSchema } from '../people/password-input.js';
import { hashPassword, needsRehash, standInHash, verifyPassword } from '../people/passwords.js';
import { recoveryCodeHash } from '../people/recovery-codes.js';
import {
  type SignInResult,
  secondFactorAsked,
  secondFactorMs,
  signedIn,
  ticketValueOf,
} from '../people/sign-in-result.js';
import { checkSignInThrottle, countSignInFailure, signInThrottleKeys } from '../people/sign-in-throttle.js';
import { totpStepOf } from '../people/totp.js';
import { personProcedure, publicProcedure } from '../trpc.js';

const wrongCredentials = 'Wrong email or password';
const invitationGone = 'This invitation link is not valid: it has expired, been used or replaced';
const resetGone = 'This reset link is not valid: it has expired, been used or replaced';
const ticketGone = 'This sign-in has expired: sign in again';
/** Wrong second-factor codes one ticket allows; the last one ends the sign-in. */
const maxWrongCodes = 5;

const KeySchema = z.string().trim().min(1).max(100);
const TicketSchema = z.string().trim().min(1).max(100);
const CodeSchema = z
  .string()
  .max(20)
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'a code is six digits'));
const RecoveryCodeSchema = z
  .string()
  .max(40)
  .transform((value) => value.toLowerCase().replace(/[\s-]+/g, ''))
  .pipe(z.string().regex(/^[a-z2-7]{10}$/, 'a recovery code is ten letters and digits, like abcde-fghij'));

type Ctx = Context;

/** Whether the newsroom requires a second factor of this person's role. */
async function secondFactorRequired(ctx: Ctx, person: Person): Promise<boolean> {
  const { requireSecondFactorFrom } = await ctx.store.settings.get();
  return requireSecondFactorFrom !== null && hasRole(person.role, requireSecondFactorFrom);
}

/** After a right password (a sign-in or a reset): the session, or the second factor's ticket. */
async function afterPassword(ctx: Ctx, person: Person, via: 'password' | 'reset'): Promise<SignInResult> {
  if (person.totpEnabled) {
    return secondFactorAsked(ctx, person, { wrongCodes: 0, expiresAt: Date.now() + secondFactorMs, via });
  }
  // A passkey is this person's second factor: a password alone must not stand in for it.
  if (person.passkeyCount > 0 && (await secondFactorRequired(ctx, person))) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Your newsroom requires a second factor for your role: sign in with your passkey',
    });
  }
  return signedIn(ctx, person, via);
}

/** A failed sign-in: counted for the throttle, recorded, and answered like every other failure. */
async function failedSignIn(
  ctx: Ctx,
  keys: string[],
  person: Person | null,
  email: string,
  reason: string,
): Promise<never> {
  await countSignInFailure(ctx.store, keys);
  await recordAudit(ctx, {
    action: 'sign-in.failed',
    ...(person ? { actor: { kind: 'person', id: person.id, name: person.name } } : {}),
    objectType: person ? 'person' : null,
    objectId: person?.id ?? null,
    detail: { reason, email },
  });
  throw new TRPCError({ code: 'UNAUTHORIZED', message: wrongCredentials });
}

/** Refuses while throttled, recording it. */
async function throttleChecked(ctx: Ctx, keys: string[], email: string): Promise<void> {
  try {
    await checkSignInThrottle(ctx.store, keys);
  } catch (error) {
    await recordAudit(ctx, { action: 'sign-in.throttled', detail: { email } });
    throw error;
  }
}

/** The live link's person, or NOT_FOUND with `message`; a suspended person's link is as good as gone. */
async function linkHolder(
  ctx: Ctx,
  key: string,
  kind: 'invitation' | 'reset',
  message: string,
): Promise<Person> {
  const link = await ctx.store.links.peek(key, kind);
  const person = link ? await ctx.store.people.byId(link.personId) : null;
  if (!person || person.status === 'suspended') throw new TRPCError({ code: 'NOT_FOUND', message });
  return person;
}

export const authRouter = {
  /** Email and password: a session, or a ticket for the second factor. */
  signIn: publicProcedure
    .input(z.object({ email: EmailSchema, password: TypedPasswordSchema }).strict())
    .mutation(async ({ ctx, input }): Promise<SignInResult> => {
      const keys = signInThrottleKeys(input.email, ctx.clientAddress);
      await throttleChecked(ctx, keys, input.email);
      const person = await ctx.store.people.byEmail(input.email);
      const hash = person ? await ctx.store.people.passwordHash(person.id) : null;
      // Always one scrypt run, so an unknown email takes as long as a wrong password.
      const right = await verifyPassword(input.password, hash ?? (await standInHash()));
      if (!person) return failedSignIn(ctx, keys, null, input.email, 'unknown-email');
      if (!hash) return failedSignIn(ctx, keys, person, input.email, 'not-active');
      if (!right) return failedSignIn(ctx, keys, person, input.email, 'wrong-password');
      if (person.status === 'suspended') return failedSignIn(ctx, keys, person, input.email, 'suspended');
      if (person.status !== 'active') return failedSignIn(ctx, keys, person, input.email, 'not-active');
      await ctx.store.signInThrottle.clear(keys);
      if (needsRehash(hash))
        await ctx.store.people.setPasswordHash(person.id, await hashPassword(input.password));
      return afterPassword(ctx, person, 'password');
    }),

  /** The second factor: a code from the authenticator app, or a recovery code (spent). */
  secondFactor: publicProcedure
    .input(
      z.union([
        z.object({ ticket: TicketSchema, code: CodeSchema }).strict(),
        z.object({ ticket: TicketSchema, recoveryCode: RecoveryCodeSchema }).strict(),
      ]),
    )
    .mutation(async ({ ctx, input }): Promise<SignInResult> => {
      const taken = await ctx.store.challenges.take(input.ticket, 'second-factor');
      const value = taken ? ticketValueOf(taken.value) : null;
      const person = taken?.personId ? await ctx.store.people.byId(taken.personId) : null;
      if (!value || !person || person.status !== 'active' || !person.totpEnabled) {
        throw new TRPCError({ code: 'UNAUTHORIZED', message: ticketGone });
      }
      const keys = signInThrottleKeys(person.email, ctx.clientAddress);
      await throttleChecked(ctx, keys, person.email);
      let right = false;
      let method = `${value.via}+totp`;
      if ('code' in input) {
        const totp = await ctx.store.people.totp(person.id);
        const step = totp?.enabled ? totpStepOf(totp.secret, input.code) : null;
        // A step already used (or an earlier one) is a replayed code: as wrong as any other.
        right = step !== null && (await ctx.store.people.useTotpStep(person.id, step));
      } else {
        method = `${value.via}+recovery-code`;
        right = await ctx.store.people.useRecoveryCode(person.id, recoveryCodeHash(input.recoveryCode));
        if (right) {
          await recordAudit(ctx, {
            action: 'recovery-code.use',
            actor: { kind: 'person', id: person.id, name: person.name },
            objectType: 'person',
            objectId: person.id,
            detail: { left: await ctx.store.people.recoveryCodesLeft(person.id) },
          });
        }
      }
      if (!right) {
        await countSignInFailure(ctx.store, keys);
        await recordAudit(ctx, {
          action: 'sign-in.failed',
          actor: { kind: 'person', id: person.id, name: person.name },
          objectType: 'person',
          objectId: person.id,
          detail: { reason: 'wrong-code', email: person.email },
        });
        const wrongCodes = value.wrongCodes + 1;
        if (wrongCodes >= maxWrongCodes || value.expiresAt <= Date.now()) {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Too many wrong codes: sign in again' });
        }
        return secondFactorAsked(ctx, person, { ...value, wrongCodes }, true);
      }
      await ctx.store.signInThrottle.clear(keys);
      return signedIn(ctx, person, method);
    }),

  /** The challenge for "Sign in with a passkey": discoverable, so no email is asked first. */
  passkeyOptions: publicProcedure.mutation(async ({ ctx }) => {
    const options = await authenticationOptions(relyingPartyOf(ctx.desk.url));
    const { secret } = await ctx.store.challenges.create({
      kind: 'passkey-sign-in',
      personId: null,
      value: options.challenge,
      ttlMs: ceremonyMs,
    });
    return { ticket: secret, options };
  }),

  /** A passkey's signed answer to the ticket's challenge: a session (a passkey is two factors). */
  passkeySignIn: publicProcedure
    .input(z.object({ ticket: TicketSchema, response: AuthenticationResponseSchema }).strict())
    .mutation(async ({ ctx, input }): Promise<SignInResult> => {
      const refused = new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'This passkey could not sign you in: try again, or sign in with your password',
      });
      // Taking the challenge spends it: the same assertion sent again finds nothing.
      const challenge = await ctx.store.challenges.take(input.ticket, 'passkey-sign-in');
      if (!challenge) throw refused;
      const credential = await ctx.store.people.passkeyCredential(input.response.id);
      if (!credential) throw refused;
      const person = await ctx.store.people.byId(credential.personId);
      if (person?.status !== 'active') throw refused;
      const counter = await verifiedAuthentication(
        input.response,
        challenge.value,
        credential,
        relyingPartyOf(ctx.desk.url),
      );
      if (counter === null) {
        await recordAudit(ctx, {
          action: 'sign-in.failed',
          actor: { kind: 'person', id: person.id, name: person.name },
          objectType: 'person',
          objectId: person.id,
          detail: { reason: 'wrong-passkey', email: person.email },
        });
        throw refused;
      }
      await ctx.store.people.usePasskey(credential.id, counter);
      return signedIn(ctx, person, 'passkey');
    }),

  /** Whom an invitation link is for, without spending it: the desk greets them by name. */
  invitation: publicProcedure.input(z.object({ key: KeySchema }).strict()).query(async ({ ctx, input }) => {
    const person = await linkHolder(ctx, input.key, 'invitation', invitationGone);
    return { email: person.email, name: person.name };
  }),

  /** Sets the invited person's first password (they become active) and signs them in. */
  acceptInvitation: publicProcedure
    .input(z.object({ key: KeySchema, password: NewPasswordSchema }).strict())
    .mutation(async ({ ctx, input }): Promise<SignInResult> => {
      const person = await linkHolder(ctx, input.key, 'invitation', invitationGone);
      // Checked before the link is spent: a weak password leaves the link usable.
      needsStrongPassword(input.password, [person.email, person.name], 'password');
      const hash = await hashPassword(input.password);
      const personId = await ctx.store.links.consume(input.key, 'invitation');
      if (personId !== person.id) throw new TRPCError({ code: 'NOT_FOUND', message: invitationGone });
      await ctx.store.people.setPasswordHash(person.id, hash);
      const active = (await ctx.store.people.byId(person.id)) ?? person;
      await recordAudit(ctx, {
        action: 'invitation.accept',
        actor: { kind: 'person', id: person.id, name: person.name },
        objectType: 'person',
        objectId: person.id,
      });
      return signedIn(ctx, active, 'invitation');
    }),

  /** Whose reset link this is, without spending it. */
  resetLink: publicProcedure.input(z.object({ key: KeySchema }).strict()).query(async ({ ctx, input }) => {
    const person = await linkHolder(ctx, input.key, 'reset', resetGone);
    return { email: person.email };
  }),

  /**
   * A new password from a reset link: every session of the person ends, and the second factor
   * is still asked when they have one.
   */
  resetPassword: publicProcedure
    .input(z.object({ key: KeySchema, password: NewPasswordSchema }).strict())
    .mutation(async ({ ctx, input }): Promise<SignInResult> => {
      const person = await linkHolder(ctx, input.key, 'reset', resetGone);
      needsStrongPassword(input.password, [person.email, person.name], 'password');
      const hash = await hashPassword(input.password);
      const personId = await ctx.store.links.consume(input.key, 'reset');
      if (personId !== person.id) throw new TRPCError({ code: 'NOT_FOUND', message: resetGone });
      await ctx.store.people.setPasswordHash(person.id, hash);
      const ended = await ctx.store.sessions.endAll(person.id);
      await ctx.store.signInThrottle.clear([`email:${person.email}`]);
      await recordAudit(ctx, {
        action: 'password.reset',
        actor: { kind: 'person', id: person.id, name: person.name },
        objectType: 'person',
        objectId: person.id,
        detail: { sessionsEnded: ended },
      });
      const current = (await ctx.store.people.byId(person.id)) ?? person;
      return afterPassword(ctx, current, 'reset');
    }),

  /** Ends the caller's own session. */
  signOut: personProcedure.mutation(async ({ ctx }) => {
    const { personId, id: sessionId } = ctx.signedIn.session;
    await ctx.store.sessions.end(personId, sessionId);
    await recordAudit(ctx, { action: 'sign-out', objectType: 'session', objectId: sessionId });
    return { signedOut: true };
  }),
} satisfies TRPCRouterRecord;
