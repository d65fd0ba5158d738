import { isAbsolute, resolve } from 'node:path';
import { backupSqliteDatabase, parseDatabaseUrl } from '@newsroom/db';
import { type Command, UsageError } from './command.js';

/** `newsroom backup FILE`: a checked copy of the embedded database, taken while it is in use. */
export const backupCommand: Command = {
  options: {},
  prepare({ positionals }) {
    const [target, ...extra] = positionals;
    if (!target || extra.length > 0) throw new UsageError('use "backup FILE", naming one new file');
    return async ({ store, io, cwd = process.cwd(), databaseUrl = '' }) => {
      const location = parseDatabaseUrl(databaseUrl);
      if (location.kind !== 'sqlite') {
        io.err('backup: this copies the embedded SQLite database; back up PostgreSQL with pg_dump');
        return 1;
      }
      const path = isAbsolute(target) ? target : resolve(cwd, target);
      const articles = await store.articleCount();
      const { bytes } = backupSqliteDatabase(location.path, path);
      io.out(
        `Backed up ${articles} articles to ${path} (${(bytes / 1_048_576).toFixed(1)} MB, integrity checked).`,
      );
      return 0;
    };
  },
};
