import { RoleSchema, SlugSchema } from '@newsroom/domain';
import { z } from 'zod';
import type { Command } from './command.js';

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
  async run({ store, values, positionals, io }) {
    const [action, id] = positionals;
    if (action === 'create') {
      const flags = CreateFlagsSchema.parse(values);
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
    }
    if (action === 'revoke' && id) {
      const revoked = await store.tokens.revoke(id);
      if (!revoked) {
        io.err(`token revoke: no live token has the id ${id}`);
        return 1;
      }
      io.out(`Revoked token ${id}.`);
      return 0;
    }
    io.err('token: use "token create --role ROLE --name NAME" or "token revoke ID"');
    return 2;
  },
};
