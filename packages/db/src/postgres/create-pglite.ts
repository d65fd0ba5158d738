import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * A new PGlite (in memory unless `dataDir` is given) with the extension the schema needs:
 * unaccent, for search. PGlite is a devDependency: import this from tests and tools only.
 */
export function createPGlite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): PGlite {
  return new PGlite({ ...options, extensions: { unaccent } });
}
