import { z } from 'zod';
import { TimestampSchema } from './article.js';
import { limits } from './limits.js';
import { CursorSchema, PageLimitSchema } from './pagination.js';
import { RoleSchema } from './principal.js';
import { SlugSchema } from './slug.js';

/**
 * API tokens as admins see them: never the secret (shown once, at creation), only what tells
 * one token from another and whether it still works.
 */
export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: RoleSchema,
  /** The author whose drafts count as the token's own; null for none. */
  authorSlug: SlugSchema.nullable(),
  createdAt: TimestampSchema,
  /** When it last called the API, to the minute (null: never used). */
  lastUsedAt: TimestampSchema.nullable(),
  /** After this it no longer works; null: until revoked. */
  expiresAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const TokenNameSchema = z
  .string()
  .trim()
  .min(1, 'a token name must not be empty')
  .max(limits.tokenName, `a token name has at most ${limits.tokenName} characters`);

export const CreateTokenInputSchema = z
  .object({
    name: TokenNameSchema,
    role: RoleSchema,
    authorSlug: SlugSchema.nullable().default(null),
    /** Optional end of the token's life; it must lie in the future when the token is made. */
    expiresAt: TimestampSchema.nullable().default(null),
  })
  .strict();
export type CreateTokenInput = z.input<typeof CreateTokenInputSchema>;

/** Every token, live or not, newest first. */
export const TokenListInputSchema = z
  .object({
    cursor: CursorSchema.optional(),
    limit: PageLimitSchema,
  })
  .strict();
export type TokenListInput = z.input<typeof TokenListInputSchema>;
