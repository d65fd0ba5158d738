import { z } from 'zod';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';

/** Strongest first. */
export const roles = ['admin', 'editor', 'author', 'contributor'] as const;
export const RoleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

/**
 * Who is calling: a tool with an API token, or a person signed in to the desk (a session).
 * Both carry a role and are held to the same checks.
 */
export const PrincipalSchema = z.object({
  /** The API token's id; null for a person. */
  tokenId: z.uuid().nullable(),
  /** The person's id; null for a token. */
  personId: z.uuid().nullable().default(null),
  /** The session's id (never its secret); null for a token. */
  sessionId: z.uuid().nullable().default(null),
  name: z.string().min(1).max(limits.tokenName),
  role: RoleSchema,
  /** The author whose drafts count as "own" for authors and contributors. */
  authorSlug: SlugSchema.nullable(),
  /**
   * True when the newsroom requires a second factor of this person's role and they have none
   * yet: until they enrol one, they may only manage their own account.
   */
  mustEnrolSecondFactor: z.boolean().default(false),
});
export type Principal = z.input<typeof PrincipalSchema>;

/** Whether `role` carries at least the rights of `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return roles.indexOf(role) <= roles.indexOf(required);
}
