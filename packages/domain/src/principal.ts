import { z } from 'zod';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';

/** Strongest first. */
export const roles = ['admin', 'editor', 'author', 'contributor'] as const;
export const RoleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

/** Who is calling, as resolved from an API token. */
export const PrincipalSchema = z.object({
  tokenId: z.uuid(),
  name: z.string().min(1).max(limits.tokenName),
  role: RoleSchema,
  /** The author whose drafts count as "own" for authors and contributors. */
  authorSlug: SlugSchema.nullable(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** Whether `role` carries at least the rights of `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return roles.indexOf(role) <= roles.indexOf(required);
}
