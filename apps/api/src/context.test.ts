import { openStore, type Store } from '@newsroom/db';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpContextFactory, defaultDeskSettings } from './context.js';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(() => store.close());

const request = (authorization?: string) =>
  ({
    headers: authorization ? { authorization, 'user-agent': 'UA' } : {},
    ip: '192.0.2.1',
    id: 'r1',
  }) as never;

async function session(role: 'author' | 'editor' = 'editor', email = `p${Math.random()}@example.com`) {
  const person = await store.people.invite({ email, name: 'Pat', role, authorSlug: null });
  await store.people.setPasswordHash(person.id, 'scrypt$stand-in');
  const created = await store.sessions.create({
    personId: person.id,
    userAgent: 'UA',
    address: 'x',
    lifetimeMs: 3_600_000,
  });
  return { person, ...created };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'allowed',
    (error: TRPCError) => `${error.code}: ${error.message}`,
  );

describe('the context of a request with a session', () => {
  it('makes a principal of the person, with no token and the second factor owed or not', async () => {
    const { person, secret, session: info } = await session('editor');
    const contextOf = createHttpContextFactory(store, defaultDeskSettings);
    const ctx = await contextOf({ req: request(`Bearer ${secret}`) });
    expect(ctx.principal).toEqual({
      tokenId: null,
      personId: person.id,
      sessionId: info.id,
      name: 'Pat',
      role: 'editor',
      authorSlug: null,
      mustEnrolSecondFactor: false,
    });
    expect(ctx.userAgent).toBe('UA');
    await store.settings.update({ requireSecondFactorFrom: 'editor' });
    try {
      expect((await contextOf({ req: request(`Bearer ${secret}`) })).principal?.mustEnrolSecondFactor).toBe(
        true,
      );
    } finally {
      await store.settings.update({ requireSecondFactorFrom: null });
    }
  });

  it('ends a session left idle past DESK_SESSION_IDLE_H, and an ended or unknown one', async () => {
    const { secret } = await session();
    const contextOf = createHttpContextFactory(store, { ...defaultDeskSettings, sessionIdleMs: 50 });
    expect(await refusal(contextOf({ req: request(`Bearer ${secret}`) }))).toBe('allowed');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await refusal(contextOf({ req: request(`Bearer ${secret}`) }))).toBe(
      'UNAUTHORIZED: Your session has ended: sign in again',
    );
    expect(await refusal(contextOf({ req: request('Bearer nrs_unknownSessionSecret') }))).toBe(
      'UNAUTHORIZED: Your session has ended: sign in again',
    );
  });

  it('still takes API tokens as before', async () => {
    const token = await store.tokens.create({ name: 'tool', role: 'author' });
    const ctx = await createHttpContextFactory(store)({ req: request(`Bearer ${token.token}`) });
    expect(ctx.principal?.tokenId).toBe(token.principal.tokenId);
    expect(ctx.signedIn).toBeNull();
  });
});
