import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type ApiToken,
  CreateTokenInputSchema,
  decodeCursor,
  encodeCursor,
  issuesLine,
  type Principal,
} from '@newsroom/domain';
import type { Kysely, Selectable } from 'kysely';
import { InvalidInputError, MissingReferenceError } from '../errors.js';
import type { TokenRepository } from '../store.js';
import type { ApiTokensTable, Database } from './database.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';

/** Marks a string as a Newsroom API token, so a leaked one is recognisable in logs and scanners. */
export const tokenPrefix = 'nr_';
/** 32 random bytes, base64url: 43 characters after the prefix. */
const tokenLength = tokenPrefix.length + 43;
/** How often a token in use is marked used again: its use is history, not a write per call. */
const usedEveryMs = 60_000;

/**
 * API tokens. Only a SHA-256 of each token is stored: a copy of the database does not let
 * anyone call the API. A plain hash (no salt, no slow KDF) is enough because the tokens are
 * 256 random bits, not passwords, and it lets resolve() find a token by an indexed lookup.
 */
export function createTokenRepository(db: Kysely<Database>): TokenRepository {
  return {
    async create(raw, options) {
      const parsed = CreateTokenInputSchema.safeParse(raw);
      if (!parsed.success) throw new InvalidInputError(`invalid token: ${issuesLine(parsed.error)}`);
      const input = parsed.data;
      const now = options?.now ?? new Date();
      const expiresAt = input.expiresAt === null ? null : isoUtc(input.expiresAt);
      if (expiresAt !== null && expiresAt <= isoUtc(now)) {
        throw new InvalidInputError('a token must expire in the future');
      }
      if (input.authorSlug) {
        const author = await db
          .selectFrom('authors')
          .select('slug')
          .where('slug', '=', input.authorSlug)
          .executeTakeFirst();
        if (!author) throw new MissingReferenceError(`unknown author "${input.authorSlug}"`);
      }
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      const row: Selectable<ApiTokensTable> = {
        id: randomUUID(),
        name: input.name,
        role: input.role,
        author_slug: input.authorSlug,
        token_hash: hashOf(token),
        created_at: isoUtc(now),
        revoked_at: null,
        last_used_at: null,
        expires_at: expiresAt,
      };
      await db.insertInto('api_tokens').values(row).execute();
      return { token, principal: principalOf(row), apiToken: apiTokenOf(row) };
    },

    async resolve(token, options) {
      if (!token.startsWith(tokenPrefix) || token.length !== tokenLength) return null;
      const at = isoUtc(options?.now ?? new Date());
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hashOf(token))
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
        .executeTakeFirst();
      if (!row) return null;
      const markedAfter = isoUtc(new Date(Date.parse(at) - usedEveryMs));
      if (row.last_used_at === null || row.last_used_at < markedAfter) {
        // Conditional, so two calls in the same minute on two processes write it once.
        await db
          .updateTable('api_tokens')
          .set({ last_used_at: at })
          .where('id', '=', row.id)
          .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', markedAfter)]))
          .execute();
      }
      return principalOf(row);
    },

    async list(query) {
      const limit = pageLimitOf(query.limit);
      let select = db.selectFrom('api_tokens').selectAll();
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        if (!after) throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
        select = select.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('created_at', 'id'), '<', tuple(isoUtc(after.at), after.id)),
        );
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(apiTokenOf),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },

    async revoke(tokenId, options) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: isoUtc(options?.now ?? new Date()) })
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

function principalOf(row: Selectable<ApiTokensTable>): Principal & { tokenId: string } {
  return {
    tokenId: row.id,
    personId: null,
    sessionId: null,
    name: row.name,
    role: row.role,
    authorSlug: row.author_slug,
    mustEnrolSecondFactor: false,
  };
}

function apiTokenOf(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    authorSlug: row.author_slug,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
