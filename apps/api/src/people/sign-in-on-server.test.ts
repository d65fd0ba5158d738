import { openPostgresStore, type Store } from '@newsroom/db';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiAnswer, callApi } from '../testing/call-api.js';
import { previousStepCode } from '../testing/previous-step-code.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// The whole path of a person, on a real PostgreSQL server (TEST_DATABASE_URL): invitation,
// password, authenticator app, sign-in with a code, a replayed code refused, throttling, sign-out.

const password = 'tangerine orbit fossil kettle';
const data = (answer: ApiAnswer) => answer.body.result?.data;

describeOnServer('people signing in', (serverUrl) => {
  let store: Store;
  let api: TestApi;
  beforeAll(async () => {
    store = await openPostgresStore(await freshServerDatabase(serverUrl, 'newsroom_test_api_people'), {
      poolSize: 4,
    });
    api = await startTestApi(store, { API_TRUST_PROXY: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await api?.close();
    await store?.close();
  });

  const post = (path: string, input: unknown, headers: Record<string, string> = {}) =>
    callApi(api.url, path, input, {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.7', ...headers },
    });
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('invites, enrols an authenticator, signs in with a code once, and signs out', async () => {
    const invited = await store.people.invite({
      email: 'sam@example.com',
      name: 'Sam Server',
      role: 'editor',
      authorSlug: null,
    });
    const link = await store.links.create(invited.id, 'invitation', { ttlMs: 3_600_000 });
    const accepted = data(await post('auth.acceptInvitation', { key: link.secret, password }));
    expect(accepted.status).toBe('signed-in');
    const first = accepted.session.secret as string;

    const begun = data(await post('account.beginTotp', undefined, bearer(first)));
    const enable = await post(
      'account.enableTotp',
      { code: await previousStepCode(begun.secret) },
      bearer(first),
    );
    expect(data(enable).recoveryCodes).toHaveLength(10);

    const ticket = data(await post('auth.signIn', { email: 'sam@example.com', password })).ticket;
    const code = generateSync({ secret: begun.secret });
    const signedIn = data(await post('auth.secondFactor', { ticket, code }));
    expect(signedIn.status).toBe('signed-in');
    const again = data(await post('auth.signIn', { email: 'sam@example.com', password })).ticket;
    expect(data(await post('auth.secondFactor', { ticket: again, code })).wrongCode).toBe(true);

    expect((await post('auth.signOut', undefined, bearer(signedIn.session.secret))).status).toBe(200);
    const ended = await callApi(api.url, 'account.me', undefined, {
      headers: bearer(signedIn.session.secret),
    });
    expect(ended.status).toBe(401);
    expect((await callApi(api.url, 'account.me', undefined, { headers: bearer(first) })).status).toBe(200);
  });

  it('answers 429 with Retry-After after five failures from one address', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.99' };
    for (let i = 0; i < 5; i++) {
      const failed = await post(
        'auth.signIn',
        { email: `nobody${i}@example.com`, password: 'wrong password' },
        headers,
      );
      expect(failed.status).toBe(401);
    }
    const waiting = await post('auth.signIn', { email: 'sam@example.com', password }, headers);
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
