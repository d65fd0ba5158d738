import { existsSync, realpathSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { parseDatabaseUrl } from '../database-url.js';
import { CopyError } from './copy-error.js';

/** What a copy reads from or writes to: a DATABASE_URL, or a PGlite instance (tests, local tries). */
export type CopyTarget = string | PGlite;

export type CopyRole = 'source' | 'destination';

/** A copy target, parsed and checked, with a name for messages that never shows a password. */
export type CopyLocation =
  | { backend: 'sqlite'; path: string; description: string }
  | { backend: 'postgres'; url: string; description: string }
  | { backend: 'postgres'; pglite: PGlite; description: string };

export function copyLocationOf(target: CopyTarget, role: CopyRole): CopyLocation {
  if (typeof target !== 'string') return { backend: 'postgres', pglite: target, description: 'PGlite' };
  let location: ReturnType<typeof parseDatabaseUrl>;
  try {
    location = parseDatabaseUrl(target);
  } catch (error) {
    // parseDatabaseUrl speaks of DATABASE_URL; here the URL came from elsewhere.
    const message = (error as Error).message;
    throw new CopyError(
      message.startsWith('DATABASE_URL ')
        ? `the ${role} URL ${message.slice('DATABASE_URL '.length)}`
        : `the ${role} URL: ${message}`,
    );
  }
  if (location.kind === 'postgres') {
    const url = new URL(location.url);
    const database = decoded(url.pathname.slice(1)) || decoded(url.username);
    return {
      backend: 'postgres',
      url: location.url,
      description: `PostgreSQL database "${database}" on ${url.hostname || 'localhost'}:${url.port || 5432}`,
    };
  }
  if (location.path === ':memory:') {
    if (role === 'source') {
      throw new CopyError('the source is a new, empty in-memory database: nothing to copy');
    }
    return { backend: 'sqlite', path: ':memory:', description: 'an in-memory SQLite database' };
  }
  return { backend: 'sqlite', path: location.path, description: location.path };
}

/** Opening a missing file would create an empty database and copy nothing: a typo, surely. */
export function assertSourceExists(source: CopyLocation): void {
  if (source.backend === 'sqlite' && source.path !== ':memory:' && !existsSync(source.path)) {
    throw new CopyError(`the source ${source.path} does not exist`);
  }
}

/**
 * Whether two locations name the same database, as far as their names tell: the same file
 * (through symlinks), the same PGlite, the same database on the same server. Two names for one
 * server (localhost and 127.0.0.1) get past this, but not the destination's emptiness check.
 */
export function isSameDatabase(a: CopyLocation, b: CopyLocation): boolean {
  if (a.backend === 'sqlite' && b.backend === 'sqlite') {
    if (a.path === ':memory:' || b.path === ':memory:') return false;
    return canonicalPath(a.path) === canonicalPath(b.path);
  }
  if ('pglite' in a || 'pglite' in b) return 'pglite' in a && 'pglite' in b && a.pglite === b.pglite;
  if (a.backend === 'postgres' && b.backend === 'postgres')
    return serverDatabaseOf(a.url) === serverDatabaseOf(b.url);
  return false;
}

function canonicalPath(path: string): string {
  return existsSync(path) ? realpathSync(path) : path;
}

function serverDatabaseOf(connectionString: string): string {
  const url = new URL(connectionString);
  const database = url.pathname.slice(1) || url.username;
  return `${url.hostname.toLowerCase() || 'localhost'}:${url.port || 5432}/${decoded(database)}`;
}

/** A URL part with its %-escapes decoded, or as it is when they are malformed. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
