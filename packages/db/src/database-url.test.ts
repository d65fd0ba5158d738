import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, resolveDatabaseUrl } from './database-url.js';

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

  it('refuses other schemes, saying what is supported and without echoing a password', () => {
    const error = (() => {
      try {
        parseDatabaseUrl('postgres://newsroom:hunter2@db.example.org/newsroom');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('"postgres:" scheme is not supported');
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
    expect(parseDatabaseUrl(resolveDatabaseUrl('file:x.db', '/a'), '/elsewhere').path).toBe('/a/x.db');
  });
});
