import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '@newsroom/db';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing/run-captured.js';

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsroom-user-'));
  env = { DATABASE_URL: `file:${join(dir, 'newsroom.db')}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(env.DATABASE_URL as string);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The link a command printed last, split into its address and key. */
function printedLink(out: string): { address: string; key: string } {
  const url = new URL(out.split('\n').at(-1) as string);
  const key = url.searchParams.get('key') as string;
  url.search = '';
  return { address: url.toString(), key };
}

const hourMs = 3_600_000;
const cliActor = { kind: 'system', id: null, name: 'newsroom cli' };

/** Someone who accepted their invitation: a password set makes them active. */
async function activePerson(store: Store, email: string, role: 'author' | 'editor' = 'author') {
  const person = await store.people.invite({ email, name: `Person ${email}`, role });
  await store.people.setPasswordHash(person.id, 'scrypt$test-hash');
  return person;
}

const openSession = (store: Store, personId: string) =>
  store.sessions.create({
    personId,
    userAgent: 'Test browser',
    address: '203.0.113.9',
    lifetimeMs: 24 * hourMs,
  });

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
    [
      'a stray argument to invite',
      ['invite', 'ada@example.com', '--email', 'ada@example.com', '--name', 'Ada', '--role', 'author'],
      /^user: "user invite" takes flags only, not "ada@example.com"$/,
    ],
    ['an email to list', ['list', 'ada@example.com'], /^user: "user list" takes no email; /],
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

describe('newsroom user invite', () => {
  it('adds an invited person and prints their one-time link to the desk, valid 72 hours', async () => {
    env.DESK_URL = 'https://desk.example/';
    const before = Date.now();
    const result = await invite();
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe('Invited Ada Reporter <ada@example.com> as author.');
    expect(result.lines[1]).toMatch(/works once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(72 hours\):$/);
    const link = printedLink(result.out);
    expect(link.address).toBe('https://desk.example/invitation');
    expect(link.key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await withStore(async (store) => {
      const person = await store.people.byEmail('ada@example.com');
      expect(person).toMatchObject({
        name: 'Ada Reporter',
        role: 'author',
        status: 'invited',
        authorSlug: null,
      });
      const live = await store.links.peek(link.key, 'invitation');
      expect(live?.personId).toBe(person?.id);
      const expires = Date.parse(live?.expiresAt as string);
      expect(expires).toBeGreaterThanOrEqual(before + 72 * hourMs - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 72 * hourMs + 1000);
      // An invitation is not a reset link, and is gone once 72 hours have passed.
      expect(await store.links.peek(link.key, 'reset')).toBeNull();
      expect(await store.links.peek(link.key, 'invitation', new Date(before + 73 * hourMs))).toBeNull();

      const audit = await store.audit.list({ limit: 10 });
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]).toMatchObject({
        actor: cliActor,
        action: 'user.invite',
        objectType: 'person',
        objectId: person?.id,
        address: null,
      });
      expect(JSON.stringify(audit.items[0])).not.toContain(link.key);
    });
  });

  it('stores the email lower-cased and links the byline when --author names an author', async () => {
    await withStore((store) =>
      store.authors.create({ slug: 'ada-reporter', name: 'Ada Reporter', bio: null, avatar: null }),
    );
    const result = await cli(
      'invite',
      '--email',
      ' Ada@Example.COM ',
      '--name',
      'Ada',
      '--role',
      'editor',
      '--author',
      'ada-reporter',
    );
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe('Invited Ada <ada@example.com> as editor, writing as ada-reporter.');
    const person = await withStore((store) => store.people.byEmail('ada@example.com'));
    expect(person).toMatchObject({ role: 'editor', authorSlug: 'ada-reporter' });
  });

  it('refuses an email address someone has (in any case) and an unknown author, changing nothing', async () => {
    expect((await invite()).code).toBe(0);
    const taken = await cli(
      'invite',
      '--email',
      'ADA@example.com',
      '--name',
      'Another Ada',
      '--role',
      'admin',
    );
    expect(taken.code).toBe(1);
    expect(taken.err).toBe('user invite: someone already has the email address ada@example.com');
    expect(taken.out).toBe('');

    const noAuthor = await cli(
      'invite',
      '--email',
      'bea@example.com',
      '--name',
      'Bea',
      '--role',
      'author',
      '--author',
      'nobody',
    );
    expect(noAuthor.code).toBe(1);
    expect(noAuthor.err).toBe('user invite: no author has the slug "nobody"');

    await withStore(async (store) => {
      const people = await store.people.list({ limit: 10 });
      expect(people.items.map((person) => [person.email, person.name, person.role])).toEqual([
        ['ada@example.com', 'Ada Reporter', 'author'],
      ]);
      expect((await store.audit.list({ limit: 10 })).items).toHaveLength(1);
    });
  });
});

describe('newsroom user list', () => {
  it('shows everyone in a table, or one status, reading every page', async () => {
    await withStore(async (store) => {
      const ada = await activePerson(store, 'ada@example.com', 'editor');
      await store.people.recordSignIn(ada.id, new Date('2026-11-30T09:15:42Z'));
      const bea = await activePerson(store, 'bea@example.com');
      await store.people.update(bea.id, { status: 'suspended' });
      // Past one page of the Store's list (at most 100).
      for (let n = 0; n < 101; n += 1) {
        await store.people.invite({
          email: `stringer${String(n).padStart(3, '0')}@example.com`,
          name: `Stringer ${n}`,
          role: 'contributor',
        });
      }
    });
    const all = await cli('list');
    expect(all.code).toBe(0);
    expect(all.lines[0]).toMatch(/^EMAIL +NAME +ROLE +STATUS +LAST SIGN-IN$/);
    expect(all.lines[1]).toMatch(
      /^ada@example\.com +Person ada@example\.com +editor +active +2026-11-30 09:15 UTC$/,
    );
    expect(all.lines[2]).toMatch(/^bea@example\.com +Person bea@example\.com +author +suspended +never$/);
    expect(all.lines).toHaveLength(1 + 103 + 1);
    expect(all.lines.at(-2)).toMatch(/^stringer100@example\.com +Stringer 100 +contributor +invited +never$/);
    expect(all.lines.at(-1)).toBe('103 people');
    // Columns line up: every row's role starts where the header's ROLE does.
    const roleColumn = (all.lines[0] as string).indexOf('ROLE');
    expect(all.lines.slice(1, -1).every((line) => /^[a-z]/.test(line.slice(roleColumn)))).toBe(true);

    const suspended = await cli('list', '--status', 'suspended');
    expect(suspended.lines.slice(1)).toEqual([expect.stringMatching(/^bea@example\.com /), '1 person']);
    await withStore(async (store) => {
      const bea = await store.people.byEmail('bea@example.com');
      await store.people.update(bea?.id as string, { status: 'active' });
    });
    expect((await cli('list', '--status', 'suspended')).out).toBe('Nobody is suspended.');
  });

  it('says when there is nobody, and prints a name that holds terminal controls harmlessly', async () => {
    expect((await cli('list')).out).toBe('Nobody has been invited yet: "user invite" adds a person.');
    await withStore((store) =>
      store.people.invite({
        email: 'mallory@example.com',
        name: 'Mallory\u001b[2J\u202eevil',
        role: 'author',
      }),
    );
    const result = await cli('list');
    expect(result.out).not.toContain('\u001b');
    expect(result.out).not.toContain('\u202e');
    expect(result.lines[1]).toContain('Mallory\ufffd[2J\ufffdevil');
  });
});

describe('newsroom user suspend and reactivate', () => {
  it('suspends a person, ending their sessions at once, then lets them back in', async () => {
    const { secret, personId } = await withStore(async (store) => {
      const ada = await activePerson(store, 'ada@example.com');
      await openSession(store, ada.id);
      const { secret } = await openSession(store, ada.id);
      expect(await store.sessions.resolve(secret, { idleMs: hourMs })).not.toBeNull();
      return { secret, personId: ada.id };
    });

    const suspended = await cli('suspend', 'Ada@Example.com');
    expect(suspended.err).toBe('');
    expect(suspended.code).toBe(0);
    expect(suspended.out).toBe(
      'Suspended Person ada@example.com <ada@example.com>: 2 sessions ended; they cannot sign in until "user reactivate".',
    );
    await withStore(async (store) => {
      expect(await store.sessions.resolve(secret, { idleMs: hourMs })).toBeNull();
      expect(await store.sessions.list(personId, { idleMs: hourMs })).toEqual([]);
      expect((await store.people.byId(personId))?.status).toBe('suspended');
    });

    const again = await cli('suspend', 'ada@example.com');
    expect(again.code).toBe(0);
    expect(again.out).toBe('Person ada@example.com <ada@example.com> is already suspended; nothing changed.');

    const reactivated = await cli('reactivate', 'ada@example.com');
    expect(reactivated.code).toBe(0);
    expect(reactivated.out).toBe(
      'Reactivated Person ada@example.com <ada@example.com>: they can sign in again.',
    );
    await withStore(async (store) => {
      expect((await store.people.byId(personId))?.status).toBe('active');
      // Reactivating does not bring an ended session back.
      expect(await store.sessions.resolve(secret, { idleMs: hourMs })).toBeNull();
      const audit = await store.audit.list({ objectId: personId, limit: 10 });
      expect(audit.items.map((entry) => [entry.action, entry.actor, entry.detail])).toEqual([
        ['user.reactivate', cliActor, { status: 'active' }],
        ['user.suspend', cliActor, { previousStatus: 'active', sessionsEnded: 2 }],
      ]);
    });

    const notSuspended = await cli('reactivate', 'ada@example.com');
    expect(notSuspended.out).toBe(
      'Person ada@example.com <ada@example.com> is not suspended (active); nothing changed.',
    );
  });

  it('reactivates someone suspended before accepting their invitation as invited', async () => {
    expect((await invite()).code).toBe(0);
    expect((await cli('suspend', 'ada@example.com')).out).toContain('0 sessions ended');
    const result = await cli('reactivate', 'ada@example.com');
    expect(result.out).toContain(
      'invited again; "user reset ada@example.com" gives them a new invitation link',
    );
    expect((await withStore((store) => store.people.byEmail('ada@example.com')))?.status).toBe('invited');
  });
});

describe('newsroom user reset', () => {
  it('prints a one-time reset link valid 2 hours; a new one replaces the last', async () => {
    const personId = await withStore(async (store) => (await activePerson(store, 'ada@example.com')).id);
    const before = Date.now();
    const first = await cli('reset', 'ada@example.com');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.lines[0]).toMatch(
      /^Send Person ada@example\.com <ada@example\.com> this link to choose a new password; it works once, until .* UTC \(2 hours\):$/,
    );
    const firstLink = printedLink(first.out);
    expect(firstLink.address).toBe('http://localhost:4322/reset');
    const second = printedLink((await cli('reset', 'ada@example.com')).out);

    await withStore(async (store) => {
      const live = await store.links.peek(second.key, 'reset');
      expect(live?.personId).toBe(personId);
      expect(Date.parse(live?.expiresAt as string)).toBeLessThanOrEqual(Date.now() + 2 * hourMs + 1000);
      expect(Date.parse(live?.expiresAt as string)).toBeGreaterThanOrEqual(before + 2 * hourMs - 1000);
      expect(await store.links.peek(firstLink.key, 'reset')).toBeNull();
      expect(await store.links.peek(second.key, 'invitation')).toBeNull();
      const audit = await store.audit.list({ action: 'user.reset-link', limit: 10 });
      expect(audit.items.map((entry) => entry.detail)).toEqual([{ link: 'reset' }, { link: 'reset' }]);
      expect(JSON.stringify(audit.items)).not.toContain(second.key);
    });
  });

  it('gives someone who never accepted their invitation a new invitation link, and a suspended person none', async () => {
    const original = printedLink((await invite()).out);
    const result = await cli('reset', 'ada@example.com');
    expect(result.code).toBe(0);
    expect(result.lines[0]).toContain('has not accepted their invitation yet');
    const renewed = printedLink(result.out);
    expect(renewed.address).toBe('http://localhost:4322/invitation');
    await withStore(async (store) => {
      expect(await store.links.peek(renewed.key, 'invitation')).not.toBeNull();
      expect(await store.links.peek(original.key, 'invitation')).toBeNull();
    });

    await cli('suspend', 'ada@example.com');
    const refused = await cli('reset', 'ada@example.com');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      'user reset: Ada Reporter <ada@example.com> is suspended; "user reactivate" them first',
    );
    expect(refused.out).toBe('');
    await withStore(async (store) => {
      expect(await store.links.peek(renewed.key, 'invitation')).not.toBeNull();
      expect((await store.audit.list({ action: 'user.reset-link', limit: 10 })).items).toHaveLength(1);
    });
  });
});

describe('newsroom user role', () => {
  it("changes a person's role and records the old and new", async () => {
    const personId = await withStore(async (store) => (await activePerson(store, 'ada@example.com')).id);
    const result = await cli('role', 'ada@example.com', 'editor');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      'Person ada@example.com <ada@example.com> is now editor (was author); it applies to their next request.',
    );
    expect((await cli('role', 'ada@example.com', 'editor')).out).toContain(
      'is already editor; nothing changed.',
    );
    await withStore(async (store) => {
      expect((await store.people.byId(personId))?.role).toBe('editor');
      const audit = await store.audit.list({ objectId: personId, limit: 10 });
      expect(audit.items.map((entry) => [entry.action, entry.actor, entry.detail])).toEqual([
        ['user.update', cliActor, { role: 'editor', previousRole: 'author' }],
      ]);
    });
  });
});

describe('newsroom user: an unknown person', () => {
  it.each([['suspend'], ['reactivate'], ['reset'], ['role', 'admin']])(
    'is one line and exit 1 for %s, with nothing recorded',
    async (action, ...extra) => {
      await withStore((store) => activePerson(store, 'ada@example.com'));
      const result = await cli(action, 'nobody@example.com', ...extra);
      expect(result.code).toBe(1);
      expect(result.err).toBe(
        `user ${action}: nobody has the email address nobody@example.com; "user list" shows everyone`,
      );
      expect(result.out).toBe('');
      await withStore(async (store) => {
        expect((await store.audit.list({ limit: 10 })).items).toEqual([]);
        expect(await store.people.byEmail('ada@example.com')).toMatchObject({
          status: 'active',
          role: 'author',
        });
      });
    },
  );
});

describeOnServer('newsroom user', (serverUrl) => {
  it('invites, lists, suspends (ending a session) and resets on PostgreSQL', async () => {
    env = { DATABASE_URL: await freshServerDatabase(serverUrl, 'newsroom_test_cli_user') };
    expect(
      (await cli('invite', '--email', 'Ada@Example.com', '--name', 'Ada Reporter', '--role', 'author')).code,
    ).toBe(0);
    expect((await invite()).err).toBe('user invite: someone already has the email address ada@example.com');

    const { secret, personId } = await withStore(async (store) => {
      const ada = await store.people.byEmail('ada@example.com');
      await store.people.setPasswordHash(ada?.id as string, 'scrypt$test-hash');
      const { secret } = await openSession(store, ada?.id as string);
      return { secret, personId: ada?.id as string };
    });
    expect((await cli('list', '--status', 'active')).lines[1]).toMatch(
      /^ada@example\.com +Ada Reporter +author +active +never$/,
    );

    const reset = printedLink((await cli('reset', 'ada@example.com')).out);
    expect((await cli('suspend', 'ada@example.com')).out).toContain('1 session ended');
    expect((await cli('role', 'ada@example.com', 'editor')).code).toBe(0);
    await withStore(async (store) => {
      expect(await store.links.peek(reset.key, 'reset')).toMatchObject({ personId });
      expect(await store.sessions.resolve(secret, { idleMs: hourMs })).toBeNull();
      expect(await store.people.byId(personId)).toMatchObject({ status: 'suspended', role: 'editor' });
      const audit = await store.audit.list({ objectId: personId, limit: 10 });
      expect(audit.items.map((entry) => entry.action)).toEqual([
        'user.update',
        'user.suspend',
        'user.reset-link',
        'user.invite',
      ]);
      expect(audit.items.every((entry) => entry.actor.name === 'newsroom cli')).toBe(true);
    });
  });
});
