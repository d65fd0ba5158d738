import pg from 'pg';
import { describe } from 'vitest';

/** The PostgreSQL server the tests may use (CI sets it), or undefined: then its suites are skipped. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/**
 * The words in the name of every suite that needs a PostgreSQL server: `.ci/run` reads the
 * test results and fails unless such suites ran, and none was skipped.
 */
export const serverSuiteMarker = 'on a PostgreSQL server';

/**
 * A suite that runs against the server of TEST_DATABASE_URL, shown as skipped (never silently
 * absent) without one. `body` gets the server's URL; it only declares tests, as any suite body.
 */
export function describeOnServer(title: string, body: (serverUrl: string) => void): void {
  describe.skipIf(!testDatabaseUrl)(`${title} ${serverSuiteMarker}`, () => body(testDatabaseUrl ?? ''));
}

/**
 * A new, empty database on the PostgreSQL server of `serverUrl` (TEST_DATABASE_URL), for one
 * test file: files run at once, and each must have a database of its own. One a previous run
 * left behind is dropped first. Needs a role that may create databases, as CI's has.
 */
export async function freshServerDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
