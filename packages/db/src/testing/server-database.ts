import pg from 'pg';

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
