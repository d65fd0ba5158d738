import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { trpcCalls, trpcRoute } from './trpc-calls.js';

// The plugin alone, on a bare Fastify: what later hooks see of a request and of tRPC's answer.
let app: FastifyInstance | undefined;
afterEach(() => app?.close());

/** Fastify with the plugin, a tRPC-like route answering `answer`, and a hook after it that records what it sees. */
async function withPlugin(answer: () => unknown) {
  const seen: { payload: unknown; status: number; vary: unknown }[] = [];
  app = Fastify();
  await app.register(trpcCalls);
  app.addHook('onSend', async (_request, reply, payload) => {
    seen.push({ payload, status: reply.statusCode, vary: reply.getHeader('vary') });
    return payload;
  });
  app.get(trpcRoute, async (request) => answer() ?? request.trpcCall);
  app.get('/healthz', async (request) => ({ call: request.trpcCall }));
  return { app, seen };
}

describe('request.trpcCall', () => {
  it('names the procedure, or each procedure of a batch, and is null off the tRPC route', async () => {
    const { app } = await withPlugin(() => undefined);
    expect((await app.inject('/article.list?input=%7B%7D')).json()).toEqual({
      batch: false,
      paths: ['article.list'],
    });
    expect((await app.inject('/article.list,tag.list?batch=1')).json()).toEqual({
      batch: true,
      paths: ['article.list', 'tag.list'],
    });
    expect((await app.inject('/healthz')).json()).toEqual({ call: null });
  });
});

describe('tRPC’s answer, a fetch Response', () => {
  it('reaches later hooks as its status, headers and text', async () => {
    const { app, seen } = await withPlugin(
      () =>
        new Response('{"result":{"data":1}}', {
          status: 201,
          headers: { 'content-type': 'application/json', vary: 'trpc-accept' },
        }),
    );
    const res = await app.inject({ url: '/tag.list', headers: { origin: 'https://x.example' } });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('{"result":{"data":1}}');
    expect(seen).toEqual([{ payload: '{"result":{"data":1}}', status: 201, vary: 'trpc-accept' }]);
  });

  it('stays a Response when it is not JSON (an event stream), for later hooks to leave alone', async () => {
    const { app, seen } = await withPlugin(
      () => new Response('data: 1\n\n', { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    );
    const res = await app.inject('/tag.list');
    expect(res.body).toBe('data: 1\n\n');
    expect(seen[0]?.payload).toBeInstanceOf(Response);
  });
});
