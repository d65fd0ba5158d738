import { PasskeyNameSchema, PersonNameSchema } from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordAudit } from '../audit-trail.js';
import { type Context, mustEnrolSecondFactor } from '../context.js';
import {
  ceremonyMs,
  RegistrationResponseSchema,
  registrationOptions,
  relyingPartyOf,
  verifiedRegistration,
} from '../people/passkeys.js';
import {
  fieldError,
  NewPasswordSchema,
  needsStrongPassword,
  TypedPasswordSchema,
} from '../people/password-input.js';
import { hashPassword, verifyPassword } from '../people/passwords.js';
import { newRecoveryCodes, recoveryCodeHash } from '../people/recovery-codes.js';
import { checkSignInThrottle, countSignInFailure, signInThrottleKeys } from '../people/sign-in-throttle.js';
import { newTotpSecret, totpStepOf, totpUri } from '../people/totp.js';
import { personProcedure } from '../trpc.js';
import { writtenBy } from './access.js';

const CodeSchema = z
  .string()
  .max(20)
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'a code is six digits'));

type SignedInCtx = Context & { signedIn: NonNullable<Context['signedIn']> };

/** The person as they are now (the session's copy may predate this request's changes). */
async function currentPerson(ctx: SignedInCtx) {
  const person = await ctx.store.people.byId(ctx.signedIn.person.id);
  if (!person)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has ended: sign in again' });
  return person;
}

/**
 * Checks the person's password before a change that needs it, throttled like a sign-in so a
 * borrowed session cannot guess it. A wrong one is a field error on `field`.
 */
async function passwordConfirmed(ctx: SignedInCtx, password: string, field: string): Promise<void> {
  const person = ctx.signedIn.person;
  const keys = signInThrottleKeys(person.email, ctx.clientAddress);
  await checkSignInThrottle(ctx.store, keys);
  const hash = await ctx.store.people.passwordHash(person.id);
  if (hash && (await verifyPassword(password, hash))) return;
  await countSignInFailure(ctx.store, keys);
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: 'Invalid input: this is not your current password',
    cause: new z.ZodError([
      { code: 'custom', path: [field], message: 'this is not your current password', input: undefined },
    ]),
  });
}

/** A code from the person's confirmed authenticator, spent; a field error on `code` otherwise. */
async function totpConfirmed(ctx: SignedInCtx, code: string, enabled: boolean): Promise<void> {
  const personId = ctx.signedIn.person.id;
  const totp = await ctx.store.people.totp(personId);
  if (!totp || totp.enabled !== enabled) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: enabled
        ? 'Two-factor sign-in is not on for your account'
        : 'Start adding an authenticator app first (beginTotp)',
    });
  }
  const step = totpStepOf(totp.secret, code);
  if (step === null || !(await ctx.store.people.useTotpStep(personId, step))) {
    const message = 'this code is not right: type the code your app shows now (check the phone’s clock)';
    throw fieldError('code', message);
  }
}

const audited = (ctx: SignedInCtx, action: string, objectType: string, objectId: string, detail = {}) =>
  recordAudit(ctx, { action, objectType, objectId, detail });

export const accountRouter = {
  /** Who is signed in, on which session, and what they still owe. */
  me: personProcedure.query(async ({ ctx }) => {
    const person = await currentPerson(ctx);
    const { requireSecondFactorFrom } = await ctx.store.settings.get();
    return {
      person,
      session: ctx.signedIn.session,
      mustEnrolSecondFactor: mustEnrolSecondFactor(person, requireSecondFactorFrom),
      recoveryCodesLeft: await ctx.store.people.recoveryCodesLeft(person.id),
    };
  }),

  update: personProcedure
    .input(z.object({ name: PersonNameSchema }).strict())
    .mutation(async ({ ctx, input }) => {
      const person = await ctx.store.people.update(
        ctx.signedIn.person.id,
        { name: input.name },
        writtenBy(ctx),
      );
      await audited(ctx, 'account.update', 'person', person.id, { name: person.name });
      return person;
    }),

  /** A new password; every other session of the person ends. */
  changePassword: personProcedure
    .input(z.object({ currentPassword: TypedPasswordSchema, newPassword: NewPasswordSchema }).strict())
    .mutation(async ({ ctx, input }) => {
      await passwordConfirmed(ctx, input.currentPassword, 'currentPassword');
      const person = ctx.signedIn.person;
      needsStrongPassword(input.newPassword, [person.email, person.name], 'newPassword');
      await ctx.store.people.setPasswordHash(person.id, await hashPassword(input.newPassword));
      const ended = await ctx.store.sessions.endAll(person.id, { exceptSessionId: ctx.signedIn.session.id });
      await audited(ctx, 'password.change', 'person', person.id, { sessionsEnded: ended });
      return { sessionsEnded: ended };
    }),

  /** The person's live sessions, the one asking marked `current`. */
  sessions: personProcedure.query(async ({ ctx }) => {
    const sessions = await ctx.store.sessions.list(ctx.signedIn.person.id, {
      idleMs: ctx.desk.sessionIdleMs,
    });
    return sessions.map((session) => ({ ...session, current: session.id === ctx.signedIn.session.id }));
  }),

  endSession: personProcedure.input(z.object({ id: z.uuid() }).strict()).mutation(async ({ ctx, input }) => {
    const ended = await ctx.store.sessions.end(ctx.signedIn.person.id, input.id);
    if (!ended)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: 'You have no such session: it may have ended already',
      });
    await audited(ctx, 'session.end', 'session', input.id);
    return { ended: true };
  }),

  endOtherSessions: personProcedure.mutation(async ({ ctx }) => {
    const ended = await ctx.store.sessions.endAll(ctx.signedIn.person.id, {
      exceptSessionId: ctx.signedIn.session.id,
    });
    await audited(ctx, 'session.end', 'person', ctx.signedIn.person.id, {
      sessionsEnded: ended,
      others: true,
    });
    return { ended };
  }),

  /** Starts adding an authenticator app: the key, as text and as the address a QR code holds. */
  beginTotp: personProcedure.mutation(async ({ ctx }) => {
    const person = await currentPerson(ctx);
    if (person.totpEnabled) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: 'An authenticator app is already set up: turn two-factor off first to change it',
      });
    }
    const secret = newTotpSecret();
    await ctx.store.people.beginTotp(person.id, secret);
    return { secret, otpauthUri: totpUri(secret, person.email) };
  }),

  /** Confirms the app with a code it shows; answers the ten recovery codes, shown this once. */
  enableTotp: personProcedure
    .input(z.object({ code: CodeSchema }).strict())
    .mutation(async ({ ctx, input }) => {
      await totpConfirmed(ctx, input.code, false);
      const recoveryCodes = newRecoveryCodes();
      await ctx.store.people.enableTotp(ctx.signedIn.person.id, recoveryCodes.map(recoveryCodeHash));
      await audited(ctx, 'totp.enable', 'person', ctx.signedIn.person.id);
      return { recoveryCodes };
    }),

  disableTotp: personProcedure
    .input(z.object({ password: TypedPasswordSchema }).strict())
    .mutation(async ({ ctx, input }) => {
      await passwordConfirmed(ctx, input.password, 'password');
      await ctx.store.people.disableTotp(ctx.signedIn.person.id);
      await audited(ctx, 'totp.disable', 'person', ctx.signedIn.person.id);
      return { disabled: true };
    }),

  /** Ten new recovery codes (the old ones stop working), for a code from the app. */
  regenerateRecoveryCodes: personProcedure
    .input(z.object({ code: CodeSchema }).strict())
    .mutation(async ({ ctx, input }) => {
      await totpConfirmed(ctx, input.code, true);
      const recoveryCodes = newRecoveryCodes();
      await ctx.store.people.setRecoveryCodes(ctx.signedIn.person.id, recoveryCodes.map(recoveryCodeHash));
      await audited(ctx, 'recovery-codes.regenerate', 'person', ctx.signedIn.person.id);
      return { recoveryCodes };
    }),

  passkeys: personProcedure.query(({ ctx }) => ctx.store.people.passkeys(ctx.signedIn.person.id)),

  /** The challenge for adding a passkey (navigator.credentials.create). */
  passkeyRegistrationOptions: personProcedure.mutation(async ({ ctx }) => {
    const person = await currentPerson(ctx);
    const options = await registrationOptions(person, relyingPartyOf(ctx.desk.url));
    const { secret } = await ctx.store.challenges.create({
      kind: 'passkey-registration',
      personId: person.id,
      value: options.challenge,
      ttlMs: ceremonyMs,
    });
    return { ticket: secret, options };
  }),

  addPasskey: personProcedure
    .input(
      z
        .object({
          ticket: z.string().trim().min(1).max(100),
          name: PasskeyNameSchema,
          response: RegistrationResponseSchema,
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const personId = ctx.signedIn.person.id;
      const challenge = await ctx.store.challenges.take(input.ticket, 'passkey-registration');
      if (!challenge || challenge.personId !== personId) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'This passkey request has expired: start again',
        });
      }
      const credential = await verifiedRegistration(
        input.response,
        challenge.value,
        relyingPartyOf(ctx.desk.url),
      );
      if (!credential) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'The browser’s answer does not prove a passkey for this desk: start again',
        });
      }
      const passkey = await ctx.store.people.addPasskey(personId, { ...credential, name: input.name });
      await audited(ctx, 'passkey.add', 'passkey', passkey.id, { name: passkey.name });
      return passkey;
    }),

  renamePasskey: personProcedure
    .input(z.object({ id: z.uuid(), name: PasskeyNameSchema }).strict())
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.store.people.renamePasskey(ctx.signedIn.person.id, input.id, input.name)))
        throw new TRPCError({ code: 'NOT_FOUND', message: 'You have no such passkey' });
      await audited(ctx, 'passkey.rename', 'passkey', input.id, { name: input.name });
      return { renamed: true };
    }),

  removePasskey: personProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.store.people.removePasskey(ctx.signedIn.person.id, input.id)))
        throw new TRPCError({ code: 'NOT_FOUND', message: 'You have no such passkey' });
      await audited(ctx, 'passkey.remove', 'passkey', input.id);
      return { removed: true };
    }),
} satisfies TRPCRouterRecord;
