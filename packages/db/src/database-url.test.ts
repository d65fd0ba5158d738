import { describe, expect, it } from 'vitest';
import { displayDatabaseUrl, parseDatabaseUrl, resolveDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('reads SQLite file URLs, relative to the working directory', () => {
    expect(parseDatabaseUrl('file:./data/newsroom.db', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/srv/app/data/newsroom.db',
    });
    expect(parseDatabaseUrl('file:data/newsroom.db', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/srv/app/data/newsroom.db',
    });
    expect(parseDatabaseUrl('file:/var/lib/newsroom.db', '/srv/app')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/newsroom.db',
    });
    expect(parseDatabaseUrl('file:///var/lib/news%20room.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/news room.db',
    });
  });

  it('reads the in-memory forms', () => {
    expect(parseDatabaseUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('file::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('reads PostgreSQL URLs as they are', () => {
    const url = 'postgres://newsroom:hunter2@db.example.org:5432/newsroom';
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url });
    expect(parseDatabaseUrl(` postgresql://localhost/newsroom `)).toEqual({
      kind: 'postgres',
      url: 'postgresql://localhost/newsroom',
    });
    expect(resolveDatabaseUrl(url, '/home/me/site')).toBe(url);
  });

  it('refuses a malformed PostgreSQL URL without echoing it', () => {
    const error = (() => {
      try {
        parseDatabaseUrl('postgres:hunter2@');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('not a valid postgres:// URL');
    expect(error?.message).not.toContain('hunter2');
  });

  it('refuses other schemes, saying what is supported and without echoing a password', () => {
    const error = (() => {
      try {
        parseDatabaseUrl('mysql://newsroom:hunter2@db.example.org/newsroom');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('"mysql:" scheme is not supported');
    expect(error?.message).toContain('postgres://');
    expect(error?.message).toContain('file:<path>');
    expect(error?.message).not.toContain('hunter2');
    expect(() => parseDatabaseUrl('newsroom.db')).toThrow(/supported: file:/);
    expect(() => parseDatabaseUrl('file:')).toThrow(/names no file/);
    expect(() => parseDatabaseUrl('file:./x.db?mode=ro')).toThrow(/not supported/);
  });
});

describe('resolveDatabaseUrl', () => {
  it('makes a relative file path absolute against the given directory and keeps the rest', () => {
    expect(resolveDatabaseUrl('file:./data/newsroom.db', '/home/me/site')).toBe(
      'file:/home/me/site/data/newsroom.db',
    );
    expect(resolveDatabaseUrl('file:/var/lib/newsroom.db', '/home/me/site')).toBe(
      'file:/var/lib/newsroom.db',
    );
    expect(resolveDatabaseUrl(':memory:', '/home/me/site')).toBe(':memory:');
    expect(parseDatabaseUrl(resolveDatabaseUrl('file:x.db', '/a'), '/elsewhere')).toEqual({
      kind: 'sqlite',
      path: '/a/x.db',
    });
  });
});

describe('displayDatabaseUrl', () => {
  it('masks a PostgreSQL password and keeps everything else', () => {
    expect(displayDatabaseUrl('postgres://newsroom:s3cret@db.internal:5432/news')).toBe(
      'postgres://newsroom:***@db.internal:5432/news',
    );
    expect(displayDatabaseUrl('postgresql://reader@db/news')).toBe('postgresql://reader@db/news');
  });

  it('shows a SQLite file by its absolute path, and never echoes what it cannot read', () => {
    expect(displayDatabaseUrl('file:/srv/news.db')).toBe('file:/srv/news.db');
    expect(displayDatabaseUrl(':memory:')).toBe(':memory:');
    expect(displayDatabaseUrl('mysql://root:pw@host/db')).toBe('(not a valid DATABASE_URL)');
  });
});
