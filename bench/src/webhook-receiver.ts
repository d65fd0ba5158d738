import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { wallClockMs } from './clock.ts';
import type { ReceivedDelivery } from './purge-figures.ts';
import { isSignedBy } from './webhook-signature.ts';

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/hook */
  url: string;
  /** Every POST taken, in order of arrival. */
  received: ReceivedDelivery[];
  /** The endpoint's secret, known once the webhook is registered; deliveries are checked with it. */
  setSecret(secret: string): void;
  /** Resolves once `count` different webhook-ids have arrived, or `timeoutMs` has passed. */
  waitForIds(count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * An endpoint for webhooks on 127.0.0.1, in this process: it answers every POST with 204 as
 * soon as its body is read, and notes when it came, its webhook-id, what the body says it is
 * about and whether its signature holds.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const ids = new Set<string>();
  let secret: string | null = null;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = wallClockMs();
      response.writeHead(204).end();
      if (request.method !== 'POST') return;
      const body = Buffer.concat(chunks).toString('utf8');
      const webhookId = header(request, 'webhook-id');
      ids.add(webhookId);
      received.push({
        at,
        webhookId,
        ...aboutOf(body),
        signed:
          secret !== null &&
          isSignedBy(
            secret,
            {
              id: webhookId,
              timestamp: header(request, 'webhook-timestamp'),
              signature: header(request, 'webhook-signature'),
            },
            body,
          ),
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setSecret(value) {
      secret = value;
    },
    async waitForIds(count, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (ids.size < count) {
        if (performance.now() > deadline) return false;
        await sleep(20);
      }
      return true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

/** The event's type and id and its article's id, from a delivery's body; nulls when it says none. */
function aboutOf(body: string): Pick<ReceivedDelivery, 'type' | 'eventId' | 'articleId'> {
  try {
    const payload = JSON.parse(body) as {
      type?: string;
      data?: { event?: { id?: string; article?: { id?: string } } };
    };
    return {
      type: payload.type ?? null,
      eventId: payload.data?.event?.id ?? null,
      articleId: payload.data?.event?.article?.id ?? null,
    };
  } catch {
    return { type: null, eventId: null, articleId: null };
  }
}
