import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('opens a file named relative to the working directory, creating its directory, and keeps data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-open-store-'));
    dirs.push(dir);
    const url = `file:./${relative(process.cwd(), join(dir, 'data', 'newsroom.db'))}`;
    const store = await openStore(url);
    await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
    await store.close();
    expect(existsSync(join(dir, 'data', 'newsroom.db'))).toBe(true);

    const reopened = await openStore(url);
    expect(await reopened.sections.bySlug('world')).toMatchObject({ name: 'World' });
    await reopened.close();
  });

  it('opens an empty store in memory', async () => {
    const store = await openStore(':memory:');
    expect(await store.articleCount()).toBe(0);
    await store.close();
    await store.close();
  });

  it('opens PostgreSQL for a postgres:// URL, never echoing its password', async () => {
    // Nothing listens on port 1: the pg backend is tried, and fails to connect.
    const error = await openStore('postgres://newsroom:hunter2@127.0.0.1:1/newsroom').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/ECONNREFUSED|connect/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('refuses an unsupported URL', async () => {
    await expect(openStore('mysql://localhost/newsroom')).rejects.toThrow(/not supported/);
  });
});
