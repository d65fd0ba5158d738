import { limits, RoleSchema, SlugSchema } from '@newsroom/domain';
import { z } from 'zod';
import type { DeskClient } from '../lib/api';
import { type CallFailure, failureOf } from '../lib/api-errors';
import { fieldOf } from '../lib/form';

/** What a POST to /tokens did: a new token to show once, where to go next, or what failed. */
export type TokensOutcome =
  | { kind: 'created'; token: string; name: string; role: string; expiresAt: string | null }
  | { kind: 'redirect'; to: string }
  | { kind: 'failed'; form: 'create' | 'revoke' | ''; failure: CallFailure; values: Record<string, string> };

/** How long a new token may live, as the form offers it: days, or for ever. */
export const lifetimes = [
  { value: 'never', label: 'Never (until revoked)', days: null },
  { value: '7', label: 'In 7 days', days: 7 },
  { value: '30', label: 'In 30 days', days: 30 },
  { value: '90', label: 'In 90 days', days: 90 },
  { value: '365', label: 'In a year', days: 365 },
] as const;

const dayMs = 86_400_000;

/** The tokens page's forms, by their `action` field: create (the secret is shown once) and revoke. */
export async function tokensAction(
  api: DeskClient,
  form: FormData,
  now = new Date(),
): Promise<TokensOutcome> {
  const action = fieldOf(form, 'action', 40);
  const values = {
    name: fieldOf(form, 'name', limits.tokenName + 100),
    role: fieldOf(form, 'role', 40),
    authorSlug: fieldOf(form, 'authorSlug', limits.slug + 1),
    expires: fieldOf(form, 'expires', 10),
  };
  const refused = (
    form: 'create' | 'revoke' | '',
    message: string,
    fields: Record<string, string> = {},
  ): TokensOutcome => ({
    kind: 'failed',
    form,
    values,
    failure: { status: 400, message, fields, code: null },
  });
  try {
    switch (action) {
      case 'create': {
        const fields: Record<string, string> = {};
        const name = values.name.trim();
        if (name === '') fields.name = 'give the token a name that says what uses it';
        else if (name.length > limits.tokenName) fields.name = `at most ${limits.tokenName} characters`;
        const role = RoleSchema.safeParse(values.role);
        if (!role.success) fields.role = 'choose a role';
        const author = values.authorSlug === '' ? null : SlugSchema.safeParse(values.authorSlug);
        if (author && !author.success) fields.authorSlug = 'choose an author, or none';
        const lifetime = lifetimes.find((l) => l.value === values.expires);
        if (!lifetime) fields.expires = 'choose when it expires';
        if (Object.keys(fields).length > 0 || !role.success || !lifetime) {
          return refused('create', 'Please correct the fields marked below.', fields);
        }
        const expiresAt =
          lifetime.days === null ? null : new Date(now.getTime() + lifetime.days * dayMs).toISOString();
        const created = await api.token.create.mutate({
          name,
          role: role.data,
          authorSlug: author?.success ? author.data : null,
          expiresAt,
        });
        return { kind: 'created', token: created.token, name, role: role.data, expiresAt };
      }
      case 'revoke': {
        const id = z.uuid().safeParse(fieldOf(form, 'id', 100));
        if (!id.success) return refused('revoke', 'The desk does not know that token.');
        const { revoked } = await api.token.revoke.mutate({ tokenId: id.data });
        return { kind: 'redirect', to: `/tokens?done=${revoked ? 'revoked' : 'already-revoked'}` };
      }
      default:
        return refused('', 'The desk does not know that form.');
    }
  } catch (error) {
    return {
      kind: 'failed',
      form: action === 'create' || action === 'revoke' ? action : '',
      values,
      failure: failureOf(error),
    };
  }
}

/** The words for `?done=` after a change. */
export const tokensDoneMessages: Record<string, string> = {
  revoked: 'The token is revoked: it no longer works.',
  'already-revoked': 'That token was already revoked.',
};
