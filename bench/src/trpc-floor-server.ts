/**
 * The least an uncached tRPC read costs on this machine: Fastify with tRPC's official adapter
 * (the API's versions), one procedure, `article.bySlug`, that validates its input and answers
 * with data held in memory: the article the API answered, so the bytes are the same. No
 * database, no hooks, no headers of Newsroom's. The bench measures it against the raw baseline
 * and the uncached API against it, as bench/hello-site does for Astro.
 *
 * Run: node src/trpc-floor-server.ts <file with the API's answer body> <port>.
 */
import { readFileSync } from 'node:fs';
import { initTRPC } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify from 'fastify';
import { z } from 'zod';

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: trpc-floor-server.ts <answer body file> <port>');
const { result } = JSON.parse(readFileSync(file, 'utf8')) as { result: { data: unknown } };

const t = initTRPC.create();
const router = t.router({
  article: t.router({
    bySlug: t.procedure.input(z.object({ slug: z.string().max(200) }).strict()).query(() => result.data),
  }),
});

const app = Fastify();
await app.register(fastifyTRPCPlugin, { trpcOptions: { router } });
await app.listen({ host: '127.0.0.1', port: Number(port) });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void app.close());
