import { Webhook } from 'standardwebhooks';

/**
 * Webhook deliveries are signed as the Standard Webhooks specification says, with its authors'
 * own library (`standardwebhooks`), so receivers check them with any library that follows it:
 * HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint's secret.
 */

/**
 * The headers of one delivery attempt. `id` is the delivery's, the same on every retry, so a
 * receiver drops repeats by it; `at` is the attempt's time (receivers refuse old timestamps).
 */
export function signedHeaders(
  secret: string,
  delivery: { id: string; at: Date; body: string },
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(delivery.at.getTime() / 1_000)),
    'webhook-signature': new Webhook(secret).sign(delivery.id, delivery.at, delivery.body),
  };
}
