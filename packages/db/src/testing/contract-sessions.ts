import { createHash } from 'node:crypto';
import { SessionInfoSchema } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Store } from '../store.js';
import { at } from './contract-fixtures.js';
import { activePerson, invitee } from './contract-people.js';
import { raceOf, type StoreSessions } from './store-sessions.js';

const minute = 60_000;
const hour = 60 * minute;
const idle = { idleMs: 12 * hour };
const policy = { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: hour };

function newSession(store: Store, personId: string, now = at(0), lifetimeMs = 30 * 24 * hour) {
  return store.sessions.create({ personId, userAgent: 'Firefox', address: '203.0.113.9', lifetimeMs, now });
}

/**
 * Signed-in sessions, one-time links, ceremony challenges and the sign-in throttle. Part of
 * describeStoreContract.
 */
export function describeSessionContract(store: () => Store, sessions: StoreSessions): void {
  describe('sessions', () => {
    it('give a new nrs_ secret for each session and resolve it to the session and its person, marking it seen', async () => {
      const person = await activePerson(store());
      const first = await newSession(store(), person.id);
      const second = await newSession(store(), person.id);
      expect(first.secret).toMatch(/^nrs_[A-Za-z0-9_-]{43}$/);
      expect(second.secret).not.toBe(first.secret);
      expect(SessionInfoSchema.parse(first.session)).toEqual(first.session);
      expect(first.session).toMatchObject({
        personId: person.id,
        userAgent: 'Firefox',
        address: '203.0.113.9',
        createdAt: at(0).toISOString(),
        expiresAt: new Date(at(0).getTime() + 30 * 24 * hour).toISOString(),
      });
      const resolved = await store().sessions.resolve(first.secret, { ...idle, now: at(10) });
      expect(resolved?.person).toEqual(await store().people.byId(person.id));
      expect(resolved?.session).toEqual({ ...first.session, lastSeenAt: at(10).toISOString() });
      // Seen again within the minute: not written again.
      const soon = new Date(at(10).getTime() + 30_000);
      const again = await store().sessions.resolve(first.secret, { ...idle, now: soon });
      expect(again?.session.lastSeenAt).toBe(at(10).toISOString());
      expect(await store().sessions.resolve('nrs_unknown', { ...idle, now: at(10) })).toBeNull();
      expect(await store().sessions.resolve(`nrs_${'x'.repeat(500)}`, idle)).toBeNull();
    });

    it('store only a hash of the secret, never the secret', async () => {
      const person = await activePerson(store());
      const { secret, session } = await newSession(store(), person.id);
      expect(JSON.stringify(session)).not.toContain(secret);
      // The secret's SHA-256 finds it; a stored copy of the hash is not a secret.
      expect(createHash('sha256').update(secret).digest('hex')).toHaveLength(64);
    });

    it('shorten a long User-Agent to 256 characters and an address to 64', async () => {
      const person = await activePerson(store());
      const { session } = await store().sessions.create({
        personId: person.id,
        userAgent: 'u'.repeat(1000),
        address: 'a'.repeat(100),
        lifetimeMs: hour,
      });
      expect(session.userAgent).toHaveLength(256);
      expect(session.address).toHaveLength(64);
    });

    it('refuse a session idle for longer than the limit, or past its lifetime', async () => {
      const person = await activePerson(store());
      const idleOne = await newSession(store(), person.id, at(0));
      expect(
        await store().sessions.resolve(idleOne.secret, { idleMs: 10 * minute, now: at(9) }),
      ).not.toBeNull();
      // Seen at 9: idle from then.
      expect(
        await store().sessions.resolve(idleOne.secret, { idleMs: 10 * minute, now: at(18) }),
      ).not.toBeNull();
      expect(await store().sessions.resolve(idleOne.secret, { idleMs: 10 * minute, now: at(29) })).toBeNull();
      const short = await newSession(store(), person.id, at(0), 5 * minute);
      expect(await store().sessions.resolve(short.secret, { ...idle, now: at(4) })).not.toBeNull();
      expect(await store().sessions.resolve(short.secret, { ...idle, now: at(5) })).toBeNull();
    });

    it('refuse the sessions of a person who is suspended or not active, and end them on suspension', async () => {
      const person = await activePerson(store());
      const { secret } = await newSession(store(), person.id);
      await store().people.update(person.id, { status: 'suspended' });
      expect(await store().sessions.resolve(secret, { ...idle, now: at(1) })).toBeNull();
      await store().people.update(person.id, { status: 'active' });
      // Reactivation does not bring an ended session back.
      expect(await store().sessions.resolve(secret, { ...idle, now: at(1) })).toBeNull();
      const invited = await invitee(store(), 'new@example.com');
      const early = await newSession(store(), invited.id);
      expect(await store().sessions.resolve(early.secret, { ...idle, now: at(1) })).toBeNull();
    });

    it('list live sessions most recently seen first, and end one, all, or all but one', async () => {
      const person = await activePerson(store());
      const other = await activePerson(store(), 'bo@example.com');
      const a = await newSession(store(), person.id, at(0));
      const b = await newSession(store(), person.id, at(1));
      const c = await newSession(store(), person.id, at(2));
      const theirs = await newSession(store(), other.id, at(0));
      await store().sessions.resolve(a.secret, { ...idle, now: at(3) });
      const listed = await store().sessions.list(person.id, { ...idle, now: at(4) });
      expect(listed.map((s) => s.id)).toEqual([a.session.id, c.session.id, b.session.id]);
      expect(await store().sessions.end(other.id, a.session.id)).toBe(false);
      expect(await store().sessions.end(person.id, b.session.id)).toBe(true);
      expect(await store().sessions.end(person.id, b.session.id)).toBe(false);
      expect(await store().sessions.endAll(person.id, { exceptSessionId: a.session.id })).toBe(1);
      expect((await store().sessions.list(person.id, { ...idle, now: at(4) })).map((s) => s.id)).toEqual([
        a.session.id,
      ]);
      expect(await store().sessions.resolve(c.secret, { ...idle, now: at(4) })).toBeNull();
      expect(await store().sessions.endAll(person.id)).toBe(1);
      expect(await store().sessions.resolve(a.secret, { ...idle, now: at(4) })).toBeNull();
      expect(await store().sessions.resolve(theirs.secret, { ...idle, now: at(4) })).not.toBeNull();
    });

    it('prune ended, expired and idle sessions, keeping live ones', async () => {
      const person = await activePerson(store());
      const live = await newSession(store(), person.id, at(100));
      const ended = await newSession(store(), person.id, at(100));
      await store().sessions.end(person.id, ended.session.id);
      await newSession(store(), person.id, at(0), 5 * minute);
      await newSession(store(), person.id, at(0));
      expect(await store().sessions.prune({ idleMs: 30 * minute, now: at(101) })).toBe(3);
      expect(
        await store().sessions.resolve(live.secret, { idleMs: 30 * minute, now: at(101) }),
      ).not.toBeNull();
    });

    it('belong to a person who exists', async () => {
      await expect(newSession(store(), '00000000-0000-4000-8000-000000000000')).rejects.toThrow();
    });
  });

  describe('one-time links', () => {
    it('find a live link without spending it, spend it once, and refuse it after', async () => {
      const person = await invitee(store());
      const link = await store().links.create(person.id, 'invitation', { ttlMs: hour, now: at(0) });
      expect(link.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(link.expiresAt).toBe(at(60).toISOString());
      expect(await store().links.peek(link.secret, 'invitation', at(1))).toEqual({
        personId: person.id,
        expiresAt: link.expiresAt,
      });
      expect(await store().links.peek(link.secret, 'reset', at(1))).toBeNull();
      expect(await store().links.consume(link.secret, 'reset', at(1))).toBeNull();
      expect(await store().links.consume(link.secret, 'invitation', at(1))).toBe(person.id);
      expect(await store().links.consume(link.secret, 'invitation', at(2))).toBeNull();
      expect(await store().links.peek(link.secret, 'invitation', at(2))).toBeNull();
      expect(await store().links.peek('unknown', 'invitation', at(2))).toBeNull();
    });

    it('refuse an expired link', async () => {
      const person = await invitee(store());
      const link = await store().links.create(person.id, 'reset', { ttlMs: hour, now: at(0) });
      expect(await store().links.peek(link.secret, 'reset', at(60))).toBeNull();
      expect(await store().links.consume(link.secret, 'reset', at(60))).toBeNull();
    });

    it('replace the earlier link of a kind with a new one, leaving the other kind alone', async () => {
      const person = await invitee(store());
      const first = await store().links.create(person.id, 'reset', { ttlMs: hour, now: at(0) });
      const invitation = await store().links.create(person.id, 'invitation', { ttlMs: hour, now: at(0) });
      const second = await store().links.create(person.id, 'reset', { ttlMs: hour, now: at(1) });
      expect(await store().links.peek(first.secret, 'reset', at(2))).toBeNull();
      expect(await store().links.consume(first.secret, 'reset', at(2))).toBeNull();
      expect(await store().links.consume(second.secret, 'reset', at(2))).toBe(person.id);
      expect(await store().links.consume(invitation.secret, 'invitation', at(2))).toBe(person.id);
    });

    it(`spend a link once when it is consumed twice at once, ${raceOf(sessions)}`, async () => {
      const person = await invitee(store());
      const link = await store().links.create(person.id, 'invitation', { ttlMs: hour, now: at(0) });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store().links.consume(link.secret, 'invitation', at(1))),
      );
      expect(results.filter((id) => id === person.id)).toHaveLength(1);
      expect(results.filter((id) => id === null)).toHaveLength(4);
    });
  });

  describe('challenges', () => {
    it('hand back the value once to whoever takes it with the right kind before it expires', async () => {
      const person = await activePerson(store());
      const challenge = await store().challenges.create({
        kind: 'second-factor',
        personId: person.id,
        value: '{"wrong":0}',
        ttlMs: 5 * minute,
        now: at(0),
      });
      expect(challenge.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(challenge.expiresAt).toBe(at(5).toISOString());
      expect(await store().challenges.take(challenge.secret, 'passkey-sign-in', at(1))).toBeNull();
      expect(await store().challenges.take(challenge.secret, 'second-factor', at(1))).toEqual({
        personId: person.id,
        value: '{"wrong":0}',
      });
      expect(await store().challenges.take(challenge.secret, 'second-factor', at(1))).toBeNull();
      const anonymous = await store().challenges.create({
        kind: 'passkey-sign-in',
        personId: null,
        value: 'abc',
        ttlMs: minute,
        now: at(0),
      });
      expect(await store().challenges.take(anonymous.secret, 'passkey-sign-in', at(1))).toBeNull();
    });

    it('refuse an oversized value, and prune expired challenges', async () => {
      await expect(
        store().challenges.create({
          kind: 'passkey-sign-in',
          personId: null,
          value: 'v'.repeat(2001),
          ttlMs: minute,
        }),
      ).rejects.toThrow(InvalidInputError);
      await store().challenges.create({
        kind: 'passkey-sign-in',
        personId: null,
        value: 'a',
        ttlMs: minute,
        now: at(0),
      });
      const live = await store().challenges.create({
        kind: 'passkey-sign-in',
        personId: null,
        value: 'b',
        ttlMs: minute,
        now: at(10),
      });
      expect(await store().challenges.prune(at(10))).toBe(1);
      expect(await store().challenges.take(live.secret, 'passkey-sign-in', at(10))).toEqual({
        personId: null,
        value: 'b',
      });
    });

    it(`give a challenge to one of two takers at once, ${raceOf(sessions)}`, async () => {
      const { secret } = await store().challenges.create({
        kind: 'passkey-registration',
        personId: null,
        value: 'c',
        ttlMs: minute,
        now: at(0),
      });
      const taken = await Promise.all([
        store().challenges.take(secret, 'passkey-registration', at(0)),
        store().challenges.take(secret, 'passkey-registration', at(0)),
      ]);
      expect(taken.filter((value) => value !== null)).toHaveLength(1);
    });
  });

  describe('the sign-in throttle', () => {
    it('let the free failures pass, then double the wait up to the longest', async () => {
      const throttle = store().signInThrottle;
      const keys = ['email:ada@example.com'];
      for (let failure = 1; failure <= 4; failure++) expect(await throttle.fail(keys, policy, at(0))).toBe(0);
      expect(await throttle.wait(keys, at(0))).toBe(0);
      expect(await throttle.fail(keys, policy, at(0))).toBe(1000);
      expect(await throttle.wait(keys, at(0))).toBe(1000);
      expect(await throttle.fail(keys, policy, at(0))).toBe(2000);
      expect(await throttle.fail(keys, policy, at(0))).toBe(4000);
      expect(await throttle.wait(keys, new Date(at(0).getTime() + 1500))).toBe(2500);
      expect(await throttle.wait(keys, at(1))).toBe(0);
      for (let failure = 0; failure < 20; failure++) await throttle.fail(keys, policy, at(0));
      expect(await throttle.wait(keys, at(0))).toBe(hour);
    });

    it('wait for the longest of the keys, count each key on its own, and forget them when cleared', async () => {
      const throttle = store().signInThrottle;
      for (let failure = 0; failure < 7; failure++)
        await throttle.fail(['address:203.0.113.9'], policy, at(0));
      await throttle.fail(['email:ada@example.com', 'address:203.0.113.9'], policy, at(0));
      expect(await throttle.wait(['email:ada@example.com'], at(0))).toBe(0);
      expect(await throttle.wait(['email:ada@example.com', 'address:203.0.113.9'], at(0))).toBe(8000);
      await throttle.clear(['address:203.0.113.9']);
      expect(await throttle.wait(['email:ada@example.com', 'address:203.0.113.9'], at(0))).toBe(0);
      await expect(throttle.fail([''], policy)).rejects.toThrow(InvalidInputError);
      await expect(throttle.wait(Array.from({ length: 11 }, (_, i) => `k${i}`))).rejects.toThrow(
        InvalidInputError,
      );
    });

    it(`count every one of many failures made at once, ${raceOf(sessions)}`, async () => {
      const throttle = store().signInThrottle;
      await Promise.all(
        Array.from({ length: 8 }, () => throttle.fail(['email:x@example.com'], policy, at(0))),
      );
      // Counted at once, all 8 are there: the ninth failure is four past the free 5, 1 s × 2⁴.
      expect(await throttle.fail(['email:x@example.com'], policy, at(0))).toBe(16000);
    });
  });
}
