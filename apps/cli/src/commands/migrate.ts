import type { Command } from './command.js';

/** Opening the Store applies pending migrations; this reports where the database stands. */
export const migrateCommand: Command = {
  options: {},
  prepare:
    () =>
    async ({ store, io }) => {
      io.out(`Database is up to date (${await store.articleCount()} articles).`);
      return 0;
    },
};
