import { isAbsolute, resolve } from 'node:path';
import { openStore, parseDatabaseUrl, restoreSqliteDatabase } from '@newsroom/db';
import { type StandaloneCommand, UsageError } from './command.js';

/**
 * `newsroom restore FILE`: a backup back in the place of DATABASE_URL's SQLite file. It opens
 * no Store before the restore (that would hold the file it must find unused), only after, to
 * bring an older backup's schema up to date and count what came back.
 */
export const restoreCommand: StandaloneCommand = {
  opensOwnDatabases: true,
  options: {},
  prepare({ positionals }, cwd) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('use "restore FILE", naming one backup file');
    const backupPath = isAbsolute(file) ? file : resolve(cwd, file);
    return async ({ io, databaseUrl }) => {
      const location = parseDatabaseUrl(databaseUrl);
      if (location.kind !== 'sqlite' || location.path === ':memory:') {
        io.err(
          'restore: this restores the embedded SQLite database file; restore PostgreSQL with pg_restore',
        );
        return 1;
      }
      const { savedPrevious } = await restoreSqliteDatabase(backupPath, location.path);
      const store = await openStore(databaseUrl);
      let articles: number;
      try {
        articles = await store.articleCount();
      } finally {
        await store.close();
      }
      io.out(
        `Restored ${articles} articles from ${backupPath} into ${location.path} (integrity checked, schema up to date).`,
      );
      if (savedPrevious) io.out(`The database it replaced is saved as ${savedPrevious}.`);
      return 0;
    };
  },
};
