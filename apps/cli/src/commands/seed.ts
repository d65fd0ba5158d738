import { seed, seedIfEmpty } from '@newsroom/sample';
import { z } from 'zod';
import type { Command } from './command.js';

const SeedFlagsSchema = z.object({
  count: z.coerce.number().int().min(0).max(1_000_000).default(50),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
  'if-empty': z.boolean().default(false),
});

export const seedCommand: Command = {
  options: {
    count: { type: 'string' },
    seed: { type: 'string' },
    'if-empty': { type: 'boolean' },
  },
  prepare({ values }) {
    const flags = SeedFlagsSchema.parse(values);
    const options = { count: flags.count, seed: flags.seed };
    return async ({ store, io }) => {
      if (flags['if-empty']) {
        const result = await seedIfEmpty(store, options);
        io.out(
          result
            ? `Seeded the empty database: ${result.articles} articles.`
            : `Database already has ${await store.articleCount()} articles; not seeding.`,
        );
        return 0;
      }
      const result = await seed(store, options);
      io.out(`Seeded ${result.articles} articles.`);
      return 0;
    };
  },
};
