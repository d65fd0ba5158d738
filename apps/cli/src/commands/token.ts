import { RoleSchema, SlugSchema } from '@newsroom/domain';
import { z } from 'zod';
import { type Command, UsageError } from './command.js';

const CreateFlagsSchema = z.object({
  role: RoleSchema,
  name: z.string().trim().min(1, 'needs --name').max(100),
  author: SlugSchema.optional(),
});

export const tokenCommand: Command = {
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    author: { type: 'string' },
  },
  prepare({ values, positionals }) {
    const [action, id] = positionals;
    if (action === 'create') {
      const flags = CreateFlagsSchema.parse(values);
      return async ({ store, io }) => {
        const created = await store.tokens.create({
          name: flags.name,
          role: flags.role,
          authorSlug: flags.author ?? null,
        });
        io.out(
          `Created ${created.principal.role} token "${created.principal.name}" (id ${created.principal.tokenId}).`,
        );
        io.out('Copy it now; it is not shown again:');
        io.out(created.token);
        return 0;
      };
    }
    if (action === 'revoke' && id) {
      const tokenId = z.uuid('the token id is a UUID, as printed by "token create"').parse(id);
      return async ({ store, io }) => {
        if (!(await store.tokens.revoke(tokenId))) {
          io.err(`token revoke: no live token has the id ${tokenId}`);
          return 1;
        }
        io.out(`Revoked token ${tokenId}.`);
        return 0;
      };
    }
    throw new UsageError('use "token create --role ROLE --name NAME [--author SLUG]" or "token revoke ID"');
  },
};
