import { openStore, type Store } from '@newsroom/db';
import type { Role } from '@newsroom/domain';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiAnswer, callApi } from '../testing/call-api.js';
import { previousStepCode } from '../testing/previous-step-code.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

// Signing in over real HTTP, as the desk does: Bearer session secrets, the throttle, the second
// factor, invitations, resets and sessions. Each test comes from an address of its own
// (X-Forwarded-For through a trusted proxy), so the per-address throttle of one cannot touch another.

let store: Store;
let api: TestApi;
let addressCounter = 0;
const goodPassword = 'tangerine orbit fossil kettle';

beforeAll(async () => {
  store = await openStore(':memory:');
  await store.authors.upsert({ slug: 'ana-author', name: 'Ana Author', bio: null, avatar: null });
  api = await startTestApi(store, { API_TRUST_PROXY: ['127.0.0.1'] });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

/** A client from an address of its own, optionally signed in. */
function client(secret?: string) {
  const address = `198.51.100.${++addressCounter}`;
  const headers = (extra: Record<string, string> = {}) => ({
    'x-forwarded-for': address,
    'user-agent': 'Test browser',
    ...(secret ? { authorization: `Bearer ${secret}` } : {}),
    ...extra,
  });
  return {
    address,
    mutate: (path: string, input?: unknown) =>
      callApi(api.url, path, input, { method: 'POST', headers: headers() }),
    query: (path: string, input?: unknown) => callApi(api.url, path, input, { headers: headers() }),
    as: (other: string) => clientAt(address, other),
  };
}

function clientAt(address: string, secret: string) {
  const headers = { 'x-forwarded-for': address, authorization: `Bearer ${secret}` };
  return {
    mutate: (path: string, input?: unknown) => callApi(api.url, path, input, { method: 'POST', headers }),
    query: (path: string, input?: unknown) => callApi(api.url, path, input, { headers }),
  };
}

let emailCounter = 0;
/** An invited person who accepted their invitation: their email and a first session. */
async function person(
  role: Role = 'author',
): Promise<{ id: string; email: string; name: string; secret: string }> {
  const email = `person${++emailCounter}@example.com`;
  const invited = await store.people.invite({
    email,
    name: `Person ${emailCounter}`,
    role,
    authorSlug: role === 'author' ? 'ana-author' : null,
  });
  const link = await store.links.create(invited.id, 'invitation', { ttlMs: 72 * 3_600_000 });
  const accepted = await client().mutate('auth.acceptInvitation', {
    key: link.secret,
    password: goodPassword,
  });
  expect(accepted.status).toBe(200);
  return { id: invited.id, email, name: invited.name, secret: accepted.body.result.data.session.secret };
}

const data = (answer: ApiAnswer) => answer.body.result?.data;
const message = (answer: ApiAnswer) => answer.body.error?.message;

describe('signing in with a password', () => {
  it('gives a session that works as a Bearer, with the role checks a token has', async () => {
    const ada = await person('author');
    const signedIn = await client().mutate('auth.signIn', {
      email: ada.email.toUpperCase(),
      password: goodPassword,
    });
    expect(signedIn.status).toBe(200);
    const result = data(signedIn);
    expect(result.status).toBe('signed-in');
    expect(result.session.secret).toMatch(/^nrs_[A-Za-z0-9_-]{43}$/);
    expect(result.person).toMatchObject({ email: ada.email, role: 'author', status: 'active' });
    expect(result.session.secret).not.toBe(ada.secret);

    const me = await client(result.session.secret).query('account.me');
    expect(data(me)).toMatchObject({ person: { id: ada.id }, mustEnrolSecondFactor: false });
    const draft = await client(result.session.secret).mutate('article.create', {
      headline: 'Written by a person',
      body: [],
      slug: 'written-by-a-person',
    });
    expect(draft.status).toBe(200);
    const refused = await client(result.session.secret).mutate('tag.create', {
      slug: 'not-for-authors',
      name: 'No',
      description: null,
      type: 'topic',
    });
    expect(refused.status).toBe(403);
    expect(message(refused)).toBe('This needs the editor role; your role is author');

    const trail = await store.audit.list({ limit: 100 });
    const signIn = trail.items.find((entry) => entry.action === 'sign-in' && entry.actor.id === ada.id);
    expect(signIn).toMatchObject({
      actor: { kind: 'person', name: ada.name },
      objectType: 'session',
      detail: { method: 'password' },
    });
    const written = JSON.stringify(trail.items);
    expect(written).not.toContain(goodPassword);
    expect(written).not.toContain(result.session.secret);
    expect(written).not.toContain(ada.secret);
  });

  it('stores a hash made with older parameters again, with today’s, at the next sign-in', async () => {
    const ada = await person();
    await store.people.setPasswordHash(
      ada.id,
      await hashPassword(goodPassword, { N: 2 ** 12, r: 8, p: 1, keylen: 32 }),
    );
    const signedIn = await client().mutate('auth.signIn', { email: ada.email, password: goodPassword });
    expect(data(signedIn).status).toBe('signed-in');
    const stored = (await store.people.passwordHash(ada.id)) ?? '';
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(goodPassword, stored)).toBe(true);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const ada = await person();
    const wrong = await client().mutate('auth.signIn', { email: ada.email, password: 'not the password' });
    const unknown = await client().mutate('auth.signIn', {
      email: 'nobody@example.com',
      password: 'not the password',
    });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(message(answer)).toBe('Wrong email or password');
    }
    expect(unknown.body).toEqual({
      ...wrong.body,
      error: { ...wrong.body.error, data: { ...wrong.body.error.data } },
    });
  });

  it('refuses an invited person and a suspended one with the same answer, and ends the suspended one’s sessions', async () => {
    const invited = await store.people.invite({
      email: 'invited@example.com',
      name: 'Invited',
      role: 'author',
      authorSlug: null,
    });
    expect(invited.status).toBe('invited');
    const notYet = await client().mutate('auth.signIn', {
      email: 'invited@example.com',
      password: goodPassword,
    });
    expect([notYet.status, message(notYet)]).toEqual([401, 'Wrong email or password']);

    const ada = await person();
    await store.people.update(ada.id, { status: 'suspended' });
    const suspended = await client().mutate('auth.signIn', { email: ada.email, password: goodPassword });
    expect([suspended.status, message(suspended)]).toEqual([401, 'Wrong email or password']);
    const ended = await client(ada.secret).query('account.me');
    expect([ended.status, message(ended)]).toEqual([401, 'Your session has ended: sign in again']);
  });

  it('makes an address wait after five failures: 429 with Retry-After, and the right password waits too', async () => {
    const ada = await person();
    const from = client();
    for (let i = 0; i < 5; i++) {
      const failed = await from.mutate('auth.signIn', { email: ada.email, password: `wrong password ${i}` });
      expect(failed.status).toBe(401);
    }
    const waiting = await from.mutate('auth.signIn', { email: ada.email, password: goodPassword });
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    expect(waiting.body.error.data.retryAfterSeconds).toBe(1);
    expect(message(waiting)).toBe('Too many failed sign-ins: try again in 1 s');
    const audit = await store.audit.list({ action: 'sign-in.throttled', limit: 5 });
    expect(audit.items[0]?.detail).toEqual({ email: ada.email });
  });
});

describe('invitations and resets', () => {
  it('refuses a wrong, weak or reused invitation clearly, changing nothing', async () => {
    const invited = await store.people.invite({
      email: 'newcomer@example.com',
      name: 'New Comer',
      role: 'author',
      authorSlug: null,
    });
    const link = await store.links.create(invited.id, 'invitation', { ttlMs: 3_600_000 });
    const wrong = await client().query('auth.invitation', { key: 'not-a-real-key' });
    expect([wrong.status, message(wrong)]).toEqual([
      404,
      'This invitation link is not valid: it has expired, been used or replaced',
    ]);
    expect(data(await client().query('auth.invitation', { key: link.secret }))).toEqual({
      email: 'newcomer@example.com',
      name: 'New Comer',
    });

    const weak = await client().mutate('auth.acceptInvitation', {
      key: link.secret,
      password: 'password123',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.data.zodError.fieldErrors.password[0]).toMatch(
      /^This password is too easy to guess/,
    );
    expect((await store.people.byId(invited.id))?.status).toBe('invited');

    const accepted = await client().mutate('auth.acceptInvitation', {
      key: link.secret,
      password: goodPassword,
    });
    expect(data(accepted).status).toBe('signed-in');
    expect(data(accepted).person.status).toBe('active');
    const reused = await client().mutate('auth.acceptInvitation', {
      key: link.secret,
      password: `${goodPassword} two`,
    });
    expect(reused.status).toBe(404);
    const signIn = await client().mutate('auth.signIn', {
      email: 'newcomer@example.com',
      password: goodPassword,
    });
    expect(data(signIn).status).toBe('signed-in');
  });

  it('resets a password from a link, ending every session', async () => {
    const ada = await person();
    const link = await store.links.create(ada.id, 'reset', { ttlMs: 2 * 3_600_000 });
    expect(data(await client().query('auth.resetLink', { key: link.secret }))).toEqual({ email: ada.email });
    const reset = await client().mutate('auth.resetPassword', {
      key: link.secret,
      password: 'quartz meadow lantern violin',
    });
    expect(data(reset).status).toBe('signed-in');
    expect((await client(ada.secret).query('account.me')).status).toBe(401);
    const old = await client().mutate('auth.signIn', { email: ada.email, password: goodPassword });
    expect(old.status).toBe(401);
    const again = await client().mutate('auth.resetPassword', {
      key: link.secret,
      password: 'another fine long phrase',
    });
    expect([again.status, message(again)]).toEqual([
      404,
      'This reset link is not valid: it has expired, been used or replaced',
    ]);
  });
});

describe('two-factor sign-in', () => {
  async function withTotp() {
    const ada = await person();
    const me = client(ada.secret);
    const begun = data(await me.mutate('account.beginTotp'));
    expect(begun.otpauthUri).toContain(`secret=${begun.secret}`);
    const wrongEnable = await me.mutate('account.enableTotp', { code: '000000' });
    expect(wrongEnable.status).toBe(400);
    // The code of the step before, so the sign-in below can use the current one.
    const enabled = await me.mutate('account.enableTotp', {
      code: await previousStepCode(begun.secret),
    });
    expect(enabled.status).toBe(200);
    const recoveryCodes: string[] = data(enabled).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    return { ...ada, totpSecret: begun.secret as string, recoveryCodes };
  }

  it('asks for a code after the password, accepts the app’s code once, and refuses it replayed', async () => {
    const ada = await withTotp();
    const from = client();
    const first = data(await from.mutate('auth.signIn', { email: ada.email, password: goodPassword }));
    expect(first).toMatchObject({ status: 'second-factor', methods: ['totp', 'recovery-code'] });
    const now = generateSync({ secret: ada.totpSecret });
    const signedIn = data(await from.mutate('auth.secondFactor', { ticket: first.ticket, code: now }));
    expect(signedIn.status).toBe('signed-in');
    const spent = await from.mutate('auth.secondFactor', { ticket: first.ticket, code: now });
    expect([spent.status, message(spent)]).toEqual([401, 'This sign-in has expired: sign in again']);

    const second = data(await from.mutate('auth.signIn', { email: ada.email, password: goodPassword }));
    const replayed = data(await from.mutate('auth.secondFactor', { ticket: second.ticket, code: now }));
    expect(replayed).toMatchObject({ status: 'second-factor', wrongCode: true });
    expect(replayed.ticket).not.toBe(second.ticket);
  });

  it('takes a recovery code once, and ends the sign-in after five wrong codes', async () => {
    const ada = await withTotp();
    const from = client();
    const ticket = data(
      await from.mutate('auth.signIn', { email: ada.email, password: goodPassword }),
    ).ticket;
    const recovery = ada.recoveryCodes[0]?.toUpperCase() ?? '';
    expect(data(await from.mutate('auth.secondFactor', { ticket, recoveryCode: recovery })).status).toBe(
      'signed-in',
    );
    expect(data(await client(ada.secret).query('account.me')).recoveryCodesLeft).toBe(9);

    const other = client();
    let next = data(await other.mutate('auth.signIn', { email: ada.email, password: goodPassword })).ticket;
    const reused = data(await other.mutate('auth.secondFactor', { ticket: next, recoveryCode: recovery }));
    expect(reused.wrongCode).toBe(true);
    next = reused.ticket;
    for (let i = 0; i < 3; i++)
      next = data(await other.mutate('auth.secondFactor', { ticket: next, code: '000000' })).ticket;
    const last = await other.mutate('auth.secondFactor', { ticket: next, code: '000000' });
    expect([last.status, message(last)]).toEqual([401, 'Too many wrong codes: sign in again']);
  });

  it('keeps a person who owes a second factor to their account until they add one', async () => {
    const ed = await person('editor');
    await store.settings.update({ requireSecondFactorFrom: 'editor' });
    try {
      const me = client(ed.secret);
      expect(data(await me.query('account.me')).mustEnrolSecondFactor).toBe(true);
      const refused = await me.mutate('tag.create', {
        slug: 'owed',
        name: 'Owed',
        description: null,
        type: 'topic',
      });
      expect(refused.status).toBe(403);
      expect(message(refused)).toMatch(/requires a second factor for your role/);
      const begun = data(await me.mutate('account.beginTotp'));
      await me.mutate('account.enableTotp', { code: generateSync({ secret: begun.secret }) });
      const allowed = await me.mutate('tag.create', {
        slug: 'owed',
        name: 'Owed',
        description: null,
        type: 'topic',
      });
      expect(allowed.status).toBe(200);
    } finally {
      await store.settings.update({ requireSecondFactorFrom: null });
    }
  });
});

describe('sessions', () => {
  it('lists and ends sessions; a new password ends the others; signing out ends this one', async () => {
    const ada = await person();
    const from = client();
    const second = data(await from.mutate('auth.signIn', { email: ada.email, password: goodPassword }))
      .session.secret;
    const third = data(await from.mutate('auth.signIn', { email: ada.email, password: goodPassword })).session
      .secret;
    const listed = data(await client(second).query('account.sessions'));
    expect(listed).toHaveLength(3);
    expect(listed.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(listed[0]).toMatchObject({ userAgent: 'Test browser' });

    const thirdId = data(await client(third).query('account.me')).session.id;
    expect((await client(second).mutate('account.endSession', { id: thirdId })).status).toBe(200);
    expect((await client(third).query('account.me')).status).toBe(401);

    const wrong = await client(second).mutate('account.changePassword', {
      currentPassword: 'wrong',
      newPassword: 'quartz meadow lantern violin',
    });
    expect(wrong.status).toBe(400);
    const changed = await client(second).mutate('account.changePassword', {
      currentPassword: goodPassword,
      newPassword: 'quartz meadow lantern violin',
    });
    expect(data(changed)).toEqual({ sessionsEnded: 1 });
    expect((await client(ada.secret).query('account.me')).status).toBe(401);
    expect((await client(second).query('account.me')).status).toBe(200);

    expect((await client(second).mutate('auth.signOut')).status).toBe(200);
    const after = await client(second).query('account.me');
    expect([after.status, message(after)]).toEqual([401, 'Your session has ended: sign in again']);
  });

  it('is for people only: a token gets FORBIDDEN on account procedures', async () => {
    const token = await store.tokens.create({ name: 'tool', role: 'admin' });
    const answer = await client(token.token).query('account.me');
    expect(answer.status).toBe(403);
  });
});
