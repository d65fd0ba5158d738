import type { Store } from '@newsroom/db';
import type { Person, Principal } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner, defaultDeskSettings } from '../context.js';
import { createCaller } from '../root.js';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

// The admin's procedures for people and settings, called as tRPC callers: what an admin gets
// back, what is stored, and what is refused (who may call each is in roles.test.ts).

const deskUrl = 'https://desk.newsroom.example';
let fx: NewsroomFixture;
let store: Store;
let counter = 0;

beforeAll(async () => {
  fx = await newsroomFixture();
  store = fx.store;
});
afterAll(() => fx.close());

/** An admin signed in to the desk: a person with a session, not a token. */
async function signedInAdmin(): Promise<{ person: Person; caller: ReturnType<typeof createCaller> }> {
  counter += 1;
  const invited = await store.people.invite({
    email: `admin${counter}@example.com`,
    name: 'Ada Admin',
    role: 'admin',
  });
  await store.people.setPasswordHash(invited.id, 'scrypt$test-hash-not-checked-here');
  const person = (await store.people.byId(invited.id)) as Person;
  const { session } = await store.sessions.create({
    personId: person.id,
    userAgent: 'test',
    address: '127.0.0.1',
    lifetimeMs: 3_600_000,
  });
  const principal: Principal = {
    tokenId: null,
    personId: person.id,
    sessionId: session.id,
    name: person.name,
    role: 'admin',
    authorSlug: null,
    mustEnrolSecondFactor: false,
  };
  const caller = createCaller(
    createContextInner({
      store,
      principal,
      desk: { ...defaultDeskSettings, url: deskUrl },
      clientAddress: '198.51.100.7',
    }),
  );
  return { person, caller };
}

/** Someone who has set a password (active), with one live session: its secret. */
async function activePersonWithSession(): Promise<{ person: Person; secret: string }> {
  counter += 1;
  const invited = await store.people.invite({
    email: `writer${counter}@example.com`,
    name: 'Wren Writer',
    role: 'author',
  });
  await store.people.setPasswordHash(invited.id, 'scrypt$test-hash-not-checked-here');
  const { secret } = await store.sessions.create({
    personId: invited.id,
    userAgent: 'test',
    address: '127.0.0.1',
    lifetimeMs: 3_600_000,
  });
  return { person: (await store.people.byId(invited.id)) as Person, secret };
}

const idleMs = defaultDeskSettings.sessionIdleMs;
const keyOf = (link: string) => new URL(link).searchParams.get('key') ?? '';

describe('user.invite', () => {
  it('stores an invited person and returns a 72-hour link to the desk whose key the Store accepts', async () => {
    const { caller } = await signedInAdmin();
    const before = Date.now();
    const { person, link, expiresAt } = await caller.user.invite({
      email: 'Ada.Reporter@Example.com',
      name: 'Ada Reporter',
      role: 'author',
    });
    expect(person).toMatchObject({ email: 'ada.reporter@example.com', status: 'invited', role: 'author' });
    expect(link.startsWith(`${deskUrl}/invitation?key=`)).toBe(true);
    expect(await store.links.peek(keyOf(link), 'invitation')).toMatchObject({ personId: person.id });
    const hours = (Date.parse(expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72.01);
    const entries = await store.audit.list({ action: 'user.invite', objectId: person.id, limit: 5 });
    expect(entries.items).toHaveLength(1);
    expect(JSON.stringify(entries.items)).not.toContain(keyOf(link));
  });

  it('refuses an email already in use, in any case, as a conflict, and stores no second person', async () => {
    const { caller } = await signedInAdmin();
    await caller.user.invite({ email: 'twice@example.com', name: 'First', role: 'author' });
    const again = await codeOf(
      caller.user.invite({ email: 'TWICE@example.com', name: 'Second', role: 'editor' }),
    );
    expect(again).toBe('CONFLICT');
    expect((await store.people.byEmail('twice@example.com'))?.name).toBe('First');
  });

  it.each([
    ['an over-long name', { email: 'long-name@example.com', name: 'n'.repeat(121), role: 'author' }, /name/],
    ['an over-long email', { email: `${'e'.repeat(250)}@example.com`, name: 'Eve', role: 'author' }, /email/],
    ['a malformed email', { email: 'not an email', name: 'Eve', role: 'author' }, /email/],
    ['an unknown role', { email: 'owner@example.com', name: 'Eve', role: 'owner' }, /role/],
  ])('refuses %s with a clear BAD_REQUEST and stores nothing', async (_, input, field) => {
    const { caller } = await signedInAdmin();
    const refused = await caller.user.invite(input as never).then(
      () => null,
      (error: { code?: string; message?: string }) => error,
    );
    expect(refused?.code).toBe('BAD_REQUEST');
    expect(refused?.message).toMatch(field);
    const email = String((input as { email: string }).email).toLowerCase();
    if (email.length <= 254 && email.includes('@')) expect(await store.people.byEmail(email)).toBeNull();
  });
});

describe('user.suspend, reactivate and endSessions', () => {
  it('suspending ends every session of the person at once', async () => {
    const { caller } = await signedInAdmin();
    const { person, secret } = await activePersonWithSession();
    expect(await store.sessions.resolve(secret, { idleMs })).not.toBeNull();
    const suspended = await caller.user.suspend({ id: person.id });
    expect(suspended.status).toBe('suspended');
    expect(await store.sessions.resolve(secret, { idleMs })).toBeNull();
    // Reactivated, they must sign in again: the ended sessions stay ended.
    expect((await caller.user.reactivate({ id: person.id })).status).toBe('active');
    expect(await store.sessions.resolve(secret, { idleMs })).toBeNull();
  });

  it('ending sessions signs the person out everywhere without suspending them', async () => {
    const { caller } = await signedInAdmin();
    const { person, secret } = await activePersonWithSession();
    expect(await caller.user.endSessions({ id: person.id })).toEqual({ ended: 1 });
    expect(await store.sessions.resolve(secret, { idleMs })).toBeNull();
    expect((await store.people.byId(person.id))?.status).toBe('active');
  });

  it('an admin cannot suspend or demote themselves, and nothing changes', async () => {
    const { person, caller } = await signedInAdmin();
    expect(await codeOf(caller.user.suspend({ id: person.id }))).toBe('FORBIDDEN');
    expect(await codeOf(caller.user.update({ id: person.id, role: 'editor' }))).toBe('FORBIDDEN');
    expect(await store.people.byId(person.id)).toMatchObject({ status: 'active', role: 'admin' });
    // Renaming themselves is fine.
    expect((await caller.user.update({ id: person.id, name: 'Ada A. Admin' })).name).toBe('Ada A. Admin');
  });

  it('answers NOT_FOUND for someone who does not exist', async () => {
    const { caller } = await signedInAdmin();
    expect(await codeOf(caller.user.suspend({ id: crypto.randomUUID() }))).toBe('NOT_FOUND');
  });
});

describe('user.resetLink', () => {
  it('gives a 2-hour reset link to someone with a password, a fresh invitation to someone without', async () => {
    const { caller } = await signedInAdmin();
    const { person } = await activePersonWithSession();
    const before = Date.now();
    const reset = await caller.user.resetLink({ id: person.id });
    expect(reset.link.startsWith(`${deskUrl}/reset?key=`)).toBe(true);
    expect(await store.links.peek(keyOf(reset.link), 'reset')).toMatchObject({ personId: person.id });
    expect((Date.parse(reset.expiresAt) - before) / 3_600_000).toBeLessThanOrEqual(2.01);

    const { person: invited } = await caller.user.invite({
      email: 'late@example.com',
      name: 'Late',
      role: 'author',
    });
    const again = await caller.user.resetLink({ id: invited.id });
    expect(again.link.startsWith(`${deskUrl}/invitation?key=`)).toBe(true);
    expect(await store.links.peek(keyOf(again.link), 'invitation')).toMatchObject({ personId: invited.id });
  });
});

describe('settings', () => {
  it('an admin reads and changes the settings, and the change is in the audit trail', async () => {
    const { caller } = await signedInAdmin();
    expect(await caller.settings.update({ requireSecondFactorFrom: 'editor' })).toEqual({
      requireSecondFactorFrom: 'editor',
    });
    expect(await caller.settings.get()).toEqual({ requireSecondFactorFrom: 'editor' });
    expect(await codeOf(caller.settings.update({ requireSecondFactorFrom: 'owner' } as never))).toBe(
      'BAD_REQUEST',
    );
    expect(await caller.settings.get()).toEqual({ requireSecondFactorFrom: 'editor' });
    await caller.settings.update({ requireSecondFactorFrom: null });
    const entries = await caller.audit.list({ action: 'settings.update', limit: 5 });
    expect(entries.items.map((e) => e.detail)).toEqual([
      { requireSecondFactorFrom: null },
      { requireSecondFactorFrom: 'editor' },
    ]);
  });
});
