import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import type { WebhookPayload } from '@newsroom/domain';
import { publicFetch } from '@newsroom/ingest/public-fetch';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startReceiver } from '../testing/webhook-receiver.js';
import { createWebhookDispatcher } from './webhook-dispatcher.js';

// The outbox keeps an event with its write: a process killed (SIGKILL, no chance to clean up)
// the moment its write commits leaves the event behind, and the next process delivers it.

let dir: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsroom-killed-'));
  receiver = await startReceiver([204]);
});
afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

/** Publishes a story in a process of its own, which kills itself as soon as the write returns. */
function publishThenDie(databaseUrl: string): Promise<NodeJS.Signals | null> {
  const script = `
    import { openStore } from '@newsroom/db';
    const store = await openStore(${JSON.stringify(databaseUrl)});
    const draft = await store.articles.create({
      headline: 'Written just before the end',
      body: [{ type: 'paragraph', text: 'The process dies after this commit.' }],
    });
    await store.articles.setStatus(draft.id, draft.version, 'published');
    process.kill(process.pid, 'SIGKILL');
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

it('delivers the event of a write whose process was killed right after its commit', async () => {
  const databaseUrl = `file:${join(dir, 'newsroom.db')}`;
  const before = await openStore(databaseUrl);
  await before.webhooks.create({ url: receiver.url, eventTypes: ['article.published'] });
  await before.close();

  expect(await publishThenDie(databaseUrl)).toBe('SIGKILL');

  const next = await openStore(databaseUrl);
  try {
    const dispatcher = createWebhookDispatcher({
      store: next,
      sends: 1,
      siteUrl: 'https://news.example',
      fetch: publicFetch({ allowPrivate: true }),
      log: { debug() {}, warn() {}, error() {} },
    });
    await dispatcher.round();
    const [arrived] = receiver.received;
    expect(receiver.received).toHaveLength(1);
    const payload = JSON.parse(arrived?.body ?? '{}') as WebhookPayload;
    expect(payload.type).toBe('article.published');
    expect(payload.data.story?.headline).toBe('Written just before the end');
  } finally {
    await next.close();
  }
}, 30_000);
