import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Where the Store keeps its data, as named by DATABASE_URL: a SQLite file (`path` absolute, or
 * `:memory:`), or a PostgreSQL server (`url` as given, `postgres://` or `postgresql://`).
 */
export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const supported =
  'supported: file:<path> (SQLite; relative paths start at the working directory), ' +
  'file:///absolute/path, file::memory: or :memory: (SQLite in memory), ' +
  'postgres://user:password@host:port/database or postgresql://… (PostgreSQL)';

/**
 * Reads a DATABASE_URL. Relative file paths are resolved against process.cwd() now, so the
 * Store does not move if the process changes directory later. Anything else is refused with
 * the list of what is supported; no URL is echoed in an error since it may hold a password.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseLocation {
  const trimmed = url.trim();
  if (trimmed === ':memory:' || trimmed === 'file::memory:') return { kind: 'sqlite', path: ':memory:' };
  if (trimmed.startsWith('file://')) return { kind: 'sqlite', path: fileURLToPath(trimmed) };
  if (trimmed.startsWith('file:')) {
    const path = trimmed.slice('file:'.length);
    if (path === '') throw new Error(`DATABASE_URL "file:" names no file; ${supported}`);
    if (path.includes('?')) throw new Error(`DATABASE_URL options after "?" are not supported; ${supported}`);
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  if (scheme && /^postgres(ql)?$/i.test(scheme)) {
    // Checked as a URL, but never echoed: it may hold a password.
    if (!URL.canParse(trimmed) || !/^[a-z]+:\/\//i.test(trimmed)) {
      throw new Error(`DATABASE_URL is not a valid ${scheme}:// URL; ${supported}`);
    }
    return { kind: 'postgres', url: trimmed };
  }
  const what = scheme ? `the "${scheme}:" scheme is not supported` : 'DATABASE_URL is not a database URL';
  throw new Error(`${what}; ${supported}`);
}

/**
 * The same DATABASE_URL with a relative file path made absolute against `cwd`: for a process
 * that must resolve the path against another directory than its own (the CLI run through npm
 * resolves against INIT_CWD, where the user typed the command). Throws like parseDatabaseUrl.
 */
export function resolveDatabaseUrl(url: string, cwd: string): string {
  const location = parseDatabaseUrl(url, cwd);
  if (location.kind === 'postgres') return location.url;
  return location.path === ':memory:' ? ':memory:' : `file:${location.path}`;
}

export const defaultDatabaseUrl = 'file:./data/newsroom.db';

/** DATABASE_URL in an app's environment schema: the embedded database unless told otherwise. */
export const DatabaseUrlSchema = z
  .string()
  .default(defaultDatabaseUrl)
  .superRefine((url, ctx) => {
    try {
      parseDatabaseUrl(url);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** A DATABASE_URL fit for logs and messages: a PostgreSQL password is masked. */
export function displayDatabaseUrl(url: string): string {
  try {
    const location = parseDatabaseUrl(url);
    if (location.kind === 'sqlite')
      return location.path === ':memory:' ? ':memory:' : `file:${location.path}`;
    const parsed = new URL(location.url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a valid DATABASE_URL)';
  }
}
