import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { limits, type Principal, RoleSchema, SlugSchema } from '@newsroom/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MissingReferenceError } from '../errors.js';
import type { TokenRepository } from '../store.js';
import type { Database } from './database.js';
import { isoUtc } from './iso-time.js';

/** Marks a string as a Newsroom API token, so a leaked one is recognisable in logs and scanners. */
export const tokenPrefix = 'nr_';
/** 32 random bytes, base64url: 43 characters after the prefix. */
const tokenLength = tokenPrefix.length + 43;

const CreateTokenInputSchema = z
  .object({
    name: z.string().trim().min(1, 'token name must not be empty').max(limits.tokenName),
    role: RoleSchema,
    authorSlug: SlugSchema.nullable().default(null),
  })
  .strict();

/**
 * API tokens. Only a SHA-256 of each token is stored: a copy of the database does not let
 * anyone call the API. A plain hash (no salt, no slow KDF) is enough because the tokens are
 * 256 random bits, not passwords, and it lets resolve() find a token by an indexed lookup.
 */
export function createTokenRepository(db: Kysely<Database>): TokenRepository {
  return {
    async create(raw) {
      const input = CreateTokenInputSchema.parse(raw);
      if (input.authorSlug) {
        const author = await db
          .selectFrom('authors')
          .select('slug')
          .where('slug', '=', input.authorSlug)
          .executeTakeFirst();
        if (!author) throw new MissingReferenceError(`unknown author "${input.authorSlug}"`);
      }
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      const principal = {
        tokenId: randomUUID(),
        personId: null,
        sessionId: null,
        name: input.name,
        role: input.role,
        authorSlug: input.authorSlug,
        mustEnrolSecondFactor: false,
      } satisfies Principal;
      await db
        .insertInto('api_tokens')
        .values({
          id: principal.tokenId,
          name: principal.name,
          role: principal.role,
          author_slug: principal.authorSlug,
          token_hash: hashOf(token),
          created_at: isoUtc(new Date()),
          revoked_at: null,
        })
        .execute();
      return { token, principal };
    },

    async resolve(token) {
      if (!token.startsWith(tokenPrefix) || token.length !== tokenLength) return null;
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'role', 'author_slug'])
        .where('token_hash', '=', hashOf(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      return {
        tokenId: row.id,
        personId: null,
        sessionId: null,
        name: row.name,
        role: row.role,
        authorSlug: row.author_slug,
        mustEnrolSecondFactor: false,
      };
    },

    async revoke(tokenId) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: isoUtc(new Date()) })
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
