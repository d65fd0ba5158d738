import {
  CommentsClosedError,
  EmailTakenError,
  InvalidInputError,
  InvalidTransitionError,
  MediaInUseError,
  MissingReferenceError,
  NotFoundError,
  PasskeyTakenError,
  SlugTakenError,
  StoreUnavailableError,
  VersionConflictError,
} from '@newsroom/db';
import { hasRole, issuesLine, type Role } from '@newsroom/domain';
import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError, z } from 'zod';
import { recordMutation } from './audit-mutations.js';
import { type Context, internalErrorMessage, RequestInternalError } from './context.js';
import { SignInThrottledError } from './people/sign-in-throttle.js';
import { inProcedureSpan } from './procedure-spans.js';

/** tRPC's own messages that are only a code, said in words a client can act on. */
const clearerMessages: Record<string, string> = {
  PAYLOAD_TOO_LARGE: 'Request body too large: it exceeds the limit set by API_MAX_BODY_BYTES',
};

// A procedure's meta may give it a REST path in the OpenAPI description (src/openapi/).
const builder = initTRPC.context<Context>().meta<OpenApiMeta>();

const t = builder.create({
  errorFormatter({ shape, error, ctx }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    // Stack traces are for the server's log, never for clients.
    const { stack: _stack, ...data } = shape.data;
    // A throttled sign-in says how long to wait in the body too (the header says it as well).
    const throttled = error.cause instanceof SignInThrottledError ? error.cause.retryAfterSeconds : undefined;
    return {
      ...shape,
      message: clientMessage(error, shape.message, zodError, ctx),
      data: {
        ...data,
        zodError: zodError ? z.flattenError(zodError) : null,
        ...(throttled !== undefined ? { retryAfterSeconds: throttled } : {}),
      },
    };
  },
});

function clientMessage(error: TRPCError, message: string, zodError: ZodError | null, ctx?: Context): string {
  if (zodError) return `Invalid input: ${issuesLine(zodError)}`;
  // An unexpected failure's own message may name tables, files or secrets: the client gets the
  // request id to quote, and the log (onError in plugins/trpc-mount.ts) gets the rest.
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    return error instanceof RequestInternalError ? error.message : internalErrorMessage(ctx?.requestId);
  }
  return clearerMessages[error.message] ?? message;
}

const storeErrorCodes: [new (...args: never[]) => Error, TRPC_ERROR_CODE_KEY][] = [
  [NotFoundError, 'NOT_FOUND'],
  [VersionConflictError, 'CONFLICT'],
  [SlugTakenError, 'CONFLICT'],
  [EmailTakenError, 'CONFLICT'],
  [PasskeyTakenError, 'CONFLICT'],
  [MediaInUseError, 'CONFLICT'],
  [MissingReferenceError, 'BAD_REQUEST'],
  [InvalidTransitionError, 'BAD_REQUEST'],
  [CommentsClosedError, 'FORBIDDEN'],
  [InvalidInputError, 'BAD_REQUEST'],
  [SignInThrottledError, 'TOO_MANY_REQUESTS'],
  // A lock held by another process, a full disk, a server down: try again later (plugins/error-answers.ts adds Retry-After).
  [StoreUnavailableError, 'SERVICE_UNAVAILABLE'],
];

/** Turns the Store's expected failures into the HTTP statuses clients can act on. */
const storeErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const match = storeErrorCodes.find(([type]) => cause instanceof type);
    if (match && cause) throw new TRPCError({ code: match[1], message: cause.message, cause });
  }
  return result;
});

/**
 * Records each editorial and token write in the audit trail once it has succeeded
 * (audit-mutations.ts says which and what they acted on). Inside storeErrors, so a Store that
 * cannot record answers like any Store failure: the caller learns something went wrong.
 */
const auditTrail = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const result = await next();
  if (type === 'mutation' && result.ok) await recordMutation(ctx, path, await getRawInput(), result.data);
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A span per procedure call, outermost, so it covers the others and sees the status they settle on. */
const procedureSpans = t.middleware(({ path, type, next }) => inProcedureSpan(path, type, next));

/** Anyone, token or not. */
export const publicProcedure = t.procedure.use(procedureSpans).use(storeErrors).use(auditTrail);

/**
 * A caller whose token or session carries at least `role`. A person who owes a second factor
 * (the newsroom requires one of their role) may do nothing else until they add one.
 */
export function roleProcedure(role: Role) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.principal) {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'This needs an API token or a session: send Authorization: Bearer <token>',
      });
    }
    if (ctx.principal.mustEnrolSecondFactor) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message:
          'Your newsroom requires a second factor for your role: add an authenticator app or a passkey in Your account first',
      });
    }
    if (!hasRole(ctx.principal.role, role)) {
      const holder = ctx.principal.personId ? 'your role is' : 'your token has';
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This needs the ${role} role; ${holder} ${ctx.principal.role}`,
      });
    }
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  });
}

/**
 * A person signed in to the desk (a session, not a token), whatever their role, even one who
 * still owes a second factor: their own account stays open to them.
 */
export const personProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Sign in first: this is only for people signed in',
    });
  }
  if (!ctx.signedIn || !ctx.principal.personId || !ctx.principal.sessionId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This is only for people signed in, not for API tokens',
    });
  }
  return next({ ctx: { ...ctx, principal: ctx.principal, signedIn: ctx.signedIn } });
});
