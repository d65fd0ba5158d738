import type { PlannedDelivery } from '@newsroom/db';
import { limits, type WebhookAttempt, webhookPayload } from '@newsroom/domain';
import { PrivateAddressError } from '@newsroom/ingest/public-fetch';
import { signedHeaders } from './delivery-signature.js';

export interface SendOptions {
  /** publicFetch, or the plain fetch when WEBHOOK_ALLOW_PRIVATE=true. */
  fetch: typeof fetch;
  siteUrl: string;
  /** How long an endpoint has to answer, body included (10 s). */
  timeoutMs: number;
  at: Date;
}

/**
 * One attempt at a delivery: a signed POST of the event with its story, never following a
 * redirect (an endpoint that moved is a failure its admin should see). Whatever happens comes
 * back as the attempt to keep; nothing throws.
 */
export async function sendDelivery(delivery: PlannedDelivery, options: SendOptions): Promise<WebhookAttempt> {
  const body = JSON.stringify(webhookPayload(delivery.event, delivery.story, options.siteUrl));
  const started = performance.now();
  const attempt = (fields: Pick<WebhookAttempt, 'statusCode' | 'error' | 'response'>): WebhookAttempt => ({
    at: options.at.toISOString(),
    latencyMs: Math.round(performance.now() - started),
    ...fields,
  });
  try {
    const response = await options.fetch(delivery.url, {
      method: 'POST',
      headers: {
        ...signedHeaders(delivery.secret, { id: delivery.id, at: options.at, body }),
        'user-agent': 'Newsroom-Webhooks/1',
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return attempt({
      statusCode: response.status,
      error: null,
      response: await firstTextOf(response, limits.webhookResponseExcerpt),
    });
  } catch (error) {
    return attempt({ statusCode: null, error: reasonOf(error, options.timeoutMs), response: '' });
  }
}

/** The start of an answer's body as text, the rest left unread. */
async function firstTextOf(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** Why no answer came, in words an admin reading the delivery log can act on. */
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1_000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof PrivateAddressError) {
    return `${cause.host} is ${cause.host === cause.address ? 'a' : `at ${cause.address}, a`} private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to deliver inside your own network`;
  }
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
