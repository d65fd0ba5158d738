import type {
  AnyTRPCMutationProcedure,
  AnyTRPCQueryProcedure,
  AnyTRPCRouter,
  AnyTRPCSubscriptionProcedure,
} from '@trpc/server';
import type { AppRouter } from './root.js';

export type ProcedureKind = 'query' | 'mutation' | 'subscription';

/** [path, kind] of each procedure in a record of procedures and nested records, from tRPC's public types. */
type KindEntries<TRecord, Prefix extends string = ''> = {
  [Key in keyof TRecord & string]: TRecord[Key] extends AnyTRPCQueryProcedure
    ? [`${Prefix}${Key}`, 'query']
    : TRecord[Key] extends AnyTRPCMutationProcedure
      ? [`${Prefix}${Key}`, 'mutation']
      : TRecord[Key] extends AnyTRPCSubscriptionProcedure
        ? [`${Prefix}${Key}`, 'subscription']
        : KindEntries<TRecord[Key], `${Prefix}${Key}.`>;
}[keyof TRecord & string];

/** Every procedure path of the router with its kind, as the compiler reads them from the router's type. */
type RouterKinds = {
  [Entry in KindEntries<Omit<AppRouter, keyof AnyTRPCRouter>> as Entry[0]]: Entry[1];
};

export type ProcedurePath = keyof RouterKinds;

/**
 * Which procedures only read and which write. The HTTP layer decides on it before tRPC runs:
 * writes count against the rate limits, reads may be cached and answered directly. tRPC's
 * public API has no way to ask a router for a path's kind at run time, so it is written out
 * here, and `satisfies` holds it to the router's types: a procedure missing here, one the
 * router lacks, or a wrong kind does not compile.
 */
const kinds = {
  'article.list': 'query',
  'article.bySlug': 'query',
  'article.byId': 'query',
  'article.related': 'query',
  'article.search': 'query',
  'article.desk': 'query',
  'article.revisions': 'query',
  'article.revision': 'query',
  'article.create': 'mutation',
  'article.update': 'mutation',
  'article.submit': 'mutation',
  'article.publish': 'mutation',
  'article.schedule': 'mutation',
  'article.unpublish': 'mutation',
  'article.archive': 'mutation',
  'article.delete': 'mutation',
  'article.restore': 'mutation',
  'article.addCorrection': 'mutation',
  'tag.list': 'query',
  'tag.bySlug': 'query',
  'tag.create': 'mutation',
  'tag.update': 'mutation',
  'tag.delete': 'mutation',
  'tag.merge': 'mutation',
  'section.list': 'query',
  'section.bySlug': 'query',
  'section.create': 'mutation',
  'section.update': 'mutation',
  'section.delete': 'mutation',
  'section.merge': 'mutation',
  'author.list': 'query',
  'author.bySlug': 'query',
  'author.create': 'mutation',
  'author.update': 'mutation',
  'author.delete': 'mutation',
  'author.merge': 'mutation',
  'comment.list': 'query',
  'comment.byStatus': 'query',
  'comment.create': 'mutation',
  'comment.moderate': 'mutation',
  'comment.moderateMany': 'mutation',
  'redirect.lookup': 'query',
  'token.list': 'query',
  'token.create': 'mutation',
  'token.revoke': 'mutation',
  'auth.signIn': 'mutation',
  'auth.secondFactor': 'mutation',
  'auth.passkeyOptions': 'mutation',
  'auth.passkeySignIn': 'mutation',
  'auth.invitation': 'query',
  'auth.acceptInvitation': 'mutation',
  'auth.resetLink': 'query',
  'auth.resetPassword': 'mutation',
  'auth.signOut': 'mutation',
  'account.me': 'query',
  'account.update': 'mutation',
  'account.changePassword': 'mutation',
  'account.sessions': 'query',
  'account.endSession': 'mutation',
  'account.endOtherSessions': 'mutation',
  'account.beginTotp': 'mutation',
  'account.enableTotp': 'mutation',
  'account.disableTotp': 'mutation',
  'account.regenerateRecoveryCodes': 'mutation',
  'account.passkeys': 'query',
  'account.passkeyRegistrationOptions': 'mutation',
  'account.addPasskey': 'mutation',
  'account.renamePasskey': 'mutation',
  'account.removePasskey': 'mutation',
  'user.list': 'query',
  'user.get': 'query',
  'user.invite': 'mutation',
  'user.update': 'mutation',
  'user.suspend': 'mutation',
  'user.reactivate': 'mutation',
  'user.resetLink': 'mutation',
  'user.endSessions': 'mutation',
  'settings.get': 'query',
  'settings.update': 'mutation',
  'audit.list': 'query',
  'preview.create': 'mutation',
  'preview.list': 'query',
  'preview.revoke': 'mutation',
  'preview.article': 'query',
  'media.list': 'query',
  'media.byId': 'query',
  'media.update': 'mutation',
  'media.usage': 'query',
  'media.delete': 'mutation',
  'event.stream': 'subscription',
  'webhook.list': 'query',
  'webhook.create': 'mutation',
  'webhook.update': 'mutation',
  'webhook.delete': 'mutation',
  'webhook.deliveries': 'query',
  'webhook.redeliver': 'mutation',
} as const satisfies RouterKinds;

// A Map, so a path such as `constructor` or `__proto__` is simply unknown.
const kindByPath: ReadonlyMap<string, ProcedureKind> = new Map(Object.entries(kinds));

/** Whether a procedure path names a query, a mutation or a subscription (undefined for an unknown path). */
export const typeOf = (path: string): ProcedureKind | undefined => kindByPath.get(path);

/**
 * Reads whose input is a secret, so their URL is one: an invitation or reset link's key, a
 * preview link's token. Their answers are for the link's holder alone (never kept by any
 * cache, even without a token), what they answer changes when the link is spent, expires or is
 * revoked, and the access log leaves their input out.
 */
const secretInInput: ReadonlySet<string> = new Set(['auth.invitation', 'auth.resetLink', 'preview.article']);

/** Whether a procedure's input is a secret (see secretInInput). */
export const takesSecret = (path: string): boolean => secretInInput.has(path);

/** Whether a read's answer may be shared between readers (a public read), as far as its path tells. */
export const isShareable = (path: string): boolean => typeOf(path) === 'query' && !takesSecret(path);

/** Every procedure path, in the order above. */
export const procedurePaths = Object.keys(kinds) as ProcedurePath[];
