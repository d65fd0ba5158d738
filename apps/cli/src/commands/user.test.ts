import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-user-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCaptured(['user', ...argv], env);
const invite = (...extra: string[]) =>
  cli('invite', '--email', 'ada@example.com', '--name', 'Ada Reporter', '--role', 'author', ...extra);

describe('newsroom user: bad input is one line, exit 2, and no database opened', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a malformed email',
      ['invite', '--email', 'ada-at-example', '--name', 'Ada', '--role', 'author'],
      /^user: email: this is not an email address$/,
    ],
    [
      'an over-long email',
      ['invite', '--email', `${'a'.repeat(250)}@example.com`, '--name', 'Ada', '--role', 'author'],
      /^user: email: an email address has at most 254 characters$/,
    ],
    [
      'an unknown role',
      ['invite', '--email', 'ada@example.com', '--name', 'Ada', '--role', 'boss'],
      /^user: role: .*"editor"/,
    ],
    [
      'an empty name',
      ['invite', '--email', 'ada@example.com', '--name', '  ', '--role', 'author'],
      /^user: name: a name must not be empty$/,
    ],
    [
      'an over-long name',
      ['invite', '--email', 'ada@example.com', '--name', 'A'.repeat(121), '--role', 'author'],
      /^user: name: a name has at most 120 characters$/,
    ],
    [
      'a byline that is not a slug',
      ['invite', '--email', 'ada@example.com', '--name', 'Ada', '--role', 'author', '--author', 'Ada R'],
      /^user: author: /,
    ],
    [
      'missing flags',
      ['invite', '--email', 'ada@example.com'],
      /^user: "user invite" needs --name, --role: /,
    ],
    [
      'a flag of another action',
      ['list', '--email', 'ada@example.com'],
      /^user: "user list" takes no --email; /,
    ],
    ['an unknown status', ['list', '--status', 'retired'], /^user: status: .*"suspended"/],
    ['a malformed email to suspend', ['suspend', 'ada'], /^user: email: this is not an email address$/],
    ['no email to reactivate', ['reactivate'], /^user: use "user reactivate EMAIL"$/],
    [
      'two emails to reset',
      ['reset', 'ada@example.com', 'bea@example.com'],
      /^user: use "user reset EMAIL"$/,
    ],
    ['an unknown role to give', ['role', 'ada@example.com', 'boss'], /^user: role: .*"contributor"/],
    ['no action', [], /^user: use "user invite --email EMAIL/],
    ['an unknown action', ['delete', 'ada@example.com'], /^user: use "user invite --email EMAIL/],
  ];
  it.each(cases)('refuses %s', async (_what, argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).not.toContain('\n');
    expect(result.out).toBe('');
    expect(existsSync(join(dir, 'newsroom.db'))).toBe(false);
  });

  it('refuses a DESK_URL that links cannot be built on', async () => {
    for (const deskUrl of ['ftp://desk.example', 'desk.example', 'https://desk.example/?from=cli']) {
      env.DESK_URL = deskUrl;
      const result = await invite();
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^Invalid configuration: DESK_URL: /);
    }
    expect(existsSync(join(dir, 'newsroom.db'))).toBe(false);
  });
});
