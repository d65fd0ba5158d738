import { randomUUID } from 'node:crypto';
import type { Store } from '@newsroom/db';
import { hasRole, type Person, type Principal, type SessionInfo } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';

/** What the API needs to know of the desk, where people sign in (DESK_URL, DESK_SESSION_*). */
export interface DeskSettings {
  /** The desk's public address: invitation and reset links point there; the passkeys' relying party. */
  url: string;
  /** A session unused for this long ends. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active. */
  sessionLifetimeMs: number;
}

const hourMs = 3_600_000;
export const defaultDeskSettings: DeskSettings = {
  url: 'http://localhost:4322',
  sessionIdleMs: 12 * hourMs,
  sessionLifetimeMs: 30 * 24 * hourMs,
};

export interface Context {
  store: Store;
  desk: DeskSettings;
  /** WEBHOOK_ALLOW_PRIVATE: whether a webhook may point inside the newsroom's own network. */
  webhookAllowPrivate: boolean;
  /** Who is calling; null for anonymous readers. */
  principal: Principal | null;
  /**
   * The caller's address: the socket's peer, or what a trusted proxy says (API_TRUST_PROXY).
   * For per-address limits and moderation.
   */
  clientAddress: string;
  /** This request's id: in every log line about it and in messages about unexpected failures. */
  requestId: string;
  /** The caller's User-Agent (shortened): a new session records it so its owner knows the device. */
  userAgent: string;
  /** For a person signed in: their session and themselves as the Store resolved them; else null. */
  signedIn: { session: SessionInfo; person: Person } | null;
  /**
   * The cache keys of what the request's public reads were built from (cache-keys in the
   * domain): each such procedure adds its own (`answerKeys` in router/cache-keys.ts), and the
   * response cache files the answer under them.
   */
  cacheKeys: Set<string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The context's cacheKeys, for the response cache (plugins/http-caching.ts); null before. */
    cacheKeys: Set<string> | null;
  }
}

/** The context from plain values: what tests use with createCaller, no HTTP involved. */
export function createContextInner(opts: {
  store: Store;
  desk?: DeskSettings;
  webhookAllowPrivate?: boolean;
  principal?: Principal | null;
  clientAddress?: string;
  requestId?: string;
  userAgent?: string;
  signedIn?: Context['signedIn'];
  cacheKeys?: Set<string>;
}): Context {
  return {
    store: opts.store,
    desk: opts.desk ?? defaultDeskSettings,
    webhookAllowPrivate: opts.webhookAllowPrivate ?? false,
    principal: opts.principal ?? null,
    clientAddress: opts.clientAddress ?? '127.0.0.1',
    requestId: opts.requestId ?? randomUUID(),
    userAgent: (opts.userAgent ?? '').slice(0, 256),
    signedIn: opts.signedIn ?? null,
    cacheKeys: opts.cacheKeys ?? new Set(),
  };
}

/**
 * Whether the newsroom requires a second factor of this person's role
 * (settings.requireSecondFactorFrom) and they have neither an authenticator app nor a passkey.
 */
export function mustEnrolSecondFactor(person: Person, requiredFrom: Principal['role'] | null): boolean {
  return (
    requiredFrom !== null &&
    hasRole(person.role, requiredFrom) &&
    !person.totpEnabled &&
    person.passkeyCount === 0
  );
}

/** A signed-in person as the principal every role check reads, like a token's. */
export async function principalOfSession(
  store: Store,
  signedIn: { session: SessionInfo; person: Person },
): Promise<Principal> {
  const { person, session } = signedIn;
  const settings = await store.settings.get();
  return {
    tokenId: null,
    personId: person.id,
    sessionId: session.id,
    name: person.name,
    role: person.role,
    authorSlug: person.authorSlug,
    mustEnrolSecondFactor: mustEnrolSecondFactor(person, settings.requireSecondFactorFrom),
  };
}

/** Session secrets start so; API tokens do not, so one header carries either. */
export const sessionSecretPrefix = 'nrs_';

/** The one message a client gets for a failure it cannot act on: no internals, only what to quote. */
export function internalErrorMessage(requestId: string | undefined): string {
  return requestId
    ? `Internal server error; quote request id ${requestId} when reporting it`
    : 'Internal server error';
}

/**
 * An unexpected failure before the context exists (the token lookup failed, say). It carries
 * the request id itself, since the error formatter has no context to read it from.
 */
export class RequestInternalError extends TRPCError {
  constructor(
    readonly requestId: string,
    cause: unknown,
  ) {
    super({ code: 'INTERNAL_SERVER_ERROR', message: internalErrorMessage(requestId), cause });
  }
}

const bearer = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

/**
 * The context of an HTTP request: resolves `Authorization: Bearer <token>` to a principal, a
 * session secret (`nrs_…`, a person signed in to the desk) as well as an API token.
 */
export function createHttpContextFactory(
  store: Store,
  desk: DeskSettings = defaultDeskSettings,
  webhookAllowPrivate = false,
) {
  return async ({ req }: Pick<CreateFastifyContextOptions, 'req'>): Promise<Context> => {
    const userAgent = req.headers['user-agent'] ?? '';
    req.cacheKeys ??= new Set();
    const base = {
      store,
      desk,
      webhookAllowPrivate,
      clientAddress: req.ip,
      requestId: req.id,
      userAgent,
      cacheKeys: req.cacheKeys,
    };
    const header = req.headers.authorization;
    if (!header) return createContextInner(base);
    const match = bearer.exec(header);
    const secret = match?.[1];
    if (secret?.startsWith(sessionSecretPrefix)) {
      let signedIn: Context['signedIn'];
      let principal: Principal | null = null;
      try {
        signedIn = await store.sessions.resolve(secret, { idleMs: desk.sessionIdleMs });
        if (signedIn) principal = await principalOfSession(store, signedIn);
      } catch (error) {
        throw new RequestInternalError(req.id, error);
      }
      if (!signedIn || !principal) {
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has ended: sign in again' });
      }
      return createContextInner({ ...base, principal, signedIn });
    }
    let principal: Principal | null = null;
    if (secret) {
      try {
        principal = await store.tokens.resolve(secret);
      } catch (error) {
        throw new RequestInternalError(req.id, error);
      }
    }
    if (!principal) {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'The API token is missing, malformed, revoked or expired',
      });
    }
    return createContextInner({ ...base, principal });
  };
}
