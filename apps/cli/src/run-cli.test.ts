import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from './testing/run-captured.js';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-cli-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCaptured(argv, env);

describe('newsroom seed', () => {
  it('seeds an empty database once, then leaves it alone with --if-empty', async () => {
    const first = await cli('seed', '--if-empty', '--count', '5');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Seeded the empty database: \d+ articles/);
    const second = await cli('seed', '--if-empty', '--count', '5');
    expect(second.code).toBe(0);
    expect(second.out).toContain('not seeding');

    const store = await openStore(env.DATABASE_URL as string);
    const count = await store.articleCount();
    await store.close();
    expect(count).toBeGreaterThanOrEqual(5);
  });

  it('refuses a count that is not a number, without touching the database', async () => {
    const result = await cli('seed', '--count', 'lots');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^seed: count: /);
    expect(result.err).not.toContain('\n');
    expect(existsSync(join(dir, 'newsroom.db'))).toBe(false);
  });

  it('refuses an unknown flag', async () => {
    const result = await cli('seed', '--colour', 'red');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--colour');
  });
});

describe('newsroom token', () => {
  it('prints a new token once and stores only its hash', async () => {
    const result = await cli('token', 'create', '--role', 'editor', '--name', 'Desk');
    expect(result.code).toBe(0);
    const token = result.out.split('\n').at(-1) as string;
    expect(token.length).toBeGreaterThan(30);

    const store = await openStore(env.DATABASE_URL as string);
    const principal = await store.tokens.resolve(token);
    await store.close();
    expect(principal).toMatchObject({ role: 'editor', name: 'Desk' });
  });

  it('refuses an unknown role with the valid ones', async () => {
    const result = await cli('token', 'create', '--role', 'boss', '--name', 'Desk');
    expect(result.code).toBe(2);
    expect(result.err).toContain('editor');
  });
});

describe('newsroom token revoke', () => {
  it('revokes a token so it no longer resolves, and says so when there is nothing to revoke', async () => {
    const created = await cli('token', 'create', '--role', 'author', '--name', 'Stringer');
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created.out)?.[1] as string;
    const token = created.out.split('\n').at(-1) as string;
    expect((await cli('token', 'revoke', id)).code).toBe(0);

    const store = await openStore(env.DATABASE_URL as string);
    const principal = await store.tokens.resolve(token);
    await store.close();
    expect(principal).toBeNull();

    const again = await cli('token', 'revoke', id);
    expect(again.code).toBe(1);
    expect(again.err).toContain('no live token');
  });

  it('refuses an id that is not a token id', async () => {
    const result = await cli('token', 'revoke', 'everything');
    expect(result.code).toBe(2);
    expect(result.err).toContain('UUID');
  });
});

describe('the command line itself', () => {
  it('explains an unknown command', async () => {
    const result = await cli('publish-everything');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Unknown command "publish-everything"');
    expect((await cli('constructor')).code).toBe(2);
  });

  it('stops on a wrong DATABASE_URL with one line', async () => {
    env.DATABASE_URL = 'mysql://db';
    const result = await cli('migrate');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Invalid configuration: DATABASE_URL/);
  });

  it('stops on a NEWSROOM_FETCH_PRIVATE that is neither refuse nor allow, with one line', async () => {
    env.NEWSROOM_FETCH_PRIVATE = 'yes';
    const result = await cli('migrate');
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/^Invalid configuration: NEWSROOM_FETCH_PRIVATE: /);
  });
});

describe('newsroom webhook', () => {
  it('adds an endpoint for the events named, printing its secret once, and lists it', async () => {
    const added = await cli(
      'webhook',
      'add',
      '--url',
      'https://hooks.example/newsroom',
      '--events',
      'article.published, article.updated',
    );
    expect(added.code).toBe(0);
    const secret = added.out.split('\n').at(-1) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = await cli('webhook', 'list');
    expect(listed.out).toMatch(
      /^[0-9a-f-]{36} {2}https:\/\/hooks\.example\/newsroom {2}article\.published,article\.updated {2}\(enabled\)$/,
    );
    expect(listed.out).not.toContain(secret);
  });

  it('refuses an unknown event type, a missing address and a private one, adding nothing', async () => {
    const unknown = await cli(
      'webhook',
      'add',
      '--url',
      'https://hooks.example/',
      '--events',
      'article.exploded',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^webhook: eventTypes\.0: /);
    expect((await cli('webhook', 'add', '--events', 'article.published')).err).toMatch(/^webhook: url: /);
    const inside = await cli(
      'webhook',
      'add',
      '--url',
      'http://10.0.0.8/hook',
      '--events',
      'article.published',
    );
    expect(inside).toMatchObject({
      code: 2,
      err: 'webhook add: 10.0.0.8 is a private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to deliver inside your own network',
    });
    expect((await cli('webhook', 'list')).out).toBe('No webhooks.');
    const allowed = await runCaptured(
      ['webhook', 'add', '--url', 'http://10.0.0.8/hook', '--events', 'article.published'],
      { ...env, WEBHOOK_ALLOW_PRIVATE: 'true' },
    );
    expect(allowed.code).toBe(0);
  });
});
