import { openStore, type Store } from '@newsroom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiAnswer, callApi } from '../testing/call-api.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';
import { testAuthenticator } from '../testing/test-authenticator.js';

// Passkeys over HTTP with an authenticator made in the test: registration from "Your account",
// then a sign-in with no email or password, and the same signed answer refused when sent again.

const deskUrl = 'http://localhost:4322';
let store: Store;
let api: TestApi;

beforeAll(async () => {
  store = await openStore(':memory:');
  api = await startTestApi(store, { DESK_URL: deskUrl });
});
afterAll(async () => {
  await api.close();
  await store.close();
});

const post = (path: string, input?: unknown, secret?: string) =>
  callApi(api.url, path, input, {
    method: 'POST',
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });
const data = (answer: ApiAnswer) => answer.body.result?.data;

async function signedInPerson(): Promise<{ id: string; secret: string }> {
  const invited = await store.people.invite({
    email: 'kay@example.com',
    name: 'Kay Keys',
    role: 'editor',
    authorSlug: null,
  });
  const link = await store.links.create(invited.id, 'invitation', { ttlMs: 3_600_000 });
  const accepted = await post('auth.acceptInvitation', {
    key: link.secret,
    password: 'tangerine orbit fossil kettle',
  });
  return { id: invited.id, secret: data(accepted).session.secret };
}

describe('passkeys', () => {
  it('registers a passkey for the desk, signs in with it, and refuses its answer replayed', async () => {
    const kay = await signedInPerson();
    const authenticator = testAuthenticator(deskUrl);

    const registration = data(await post('account.passkeyRegistrationOptions', undefined, kay.secret));
    expect(registration.options.rp).toEqual({ name: 'Newsroom', id: 'localhost' });
    expect(registration.options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    const added = await post(
      'account.addPasskey',
      {
        ticket: registration.ticket,
        name: 'Laptop',
        response: authenticator.register(registration.options.challenge),
      },
      kay.secret,
    );
    expect(added.status).toBe(200);
    expect(data(added)).toMatchObject({ name: 'Laptop', lastUsedAt: null });
    expect(data(await post('account.passkeyRegistrationOptions', undefined, kay.secret))).toBeDefined();

    const sign = data(await post('auth.passkeyOptions'));
    expect(sign.options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(sign.options.allowCredentials ?? []).toEqual([]);
    const assertion = authenticator.assert(sign.options.challenge);
    const signedIn = await post('auth.passkeySignIn', { ticket: sign.ticket, response: assertion });
    expect(signedIn.status).toBe(200);
    expect(data(signedIn)).toMatchObject({ status: 'signed-in', person: { id: kay.id } });

    const replayed = await post('auth.passkeySignIn', { ticket: sign.ticket, response: assertion });
    expect(replayed.status).toBe(401);
    const fresh = data(await post('auth.passkeyOptions'));
    const replayedOnNewTicket = await post('auth.passkeySignIn', {
      ticket: fresh.ticket,
      response: assertion,
    });
    expect(replayedOnNewTicket.status).toBe(401);
  });

  it('refuses an answer made for another site, and the same passkey registered twice', async () => {
    const kay = (await store.people.byEmail('kay@example.com')) ?? (await signedInPerson());
    const other = testAuthenticator(deskUrl);
    const secret = data(
      await post('auth.signIn', { email: 'kay@example.com', password: 'tangerine orbit fossil kettle' }),
    ).session?.secret;
    expect(kay).toBeTruthy();
    const registration = data(await post('account.passkeyRegistrationOptions', undefined, secret));
    const response = other.register(registration.options.challenge);
    expect(
      (await post('account.addPasskey', { ticket: registration.ticket, name: 'Phone', response }, secret))
        .status,
    ).toBe(200);
    const again = data(await post('account.passkeyRegistrationOptions', undefined, secret));
    const twice = await post(
      'account.addPasskey',
      { ticket: again.ticket, name: 'Phone', response: other.register(again.options.challenge) },
      secret,
    );
    expect(twice.status).toBe(409);

    const sign = data(await post('auth.passkeyOptions'));
    const phishing = await post('auth.passkeySignIn', {
      ticket: sign.ticket,
      response: other.assert(sign.options.challenge, 'https://desk.example.evil'),
    });
    expect(phishing.status).toBe(401);
  });
});
