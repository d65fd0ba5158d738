import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a webhook delivery's signature as the Standard Webhooks specification says (what the
 * API signs with): `v1,<base64 HMAC-SHA256>` over `<webhook-id>.<webhook-timestamp>.<body>`,
 * keyed with the base64 after the secret's `whsec_`. The header may list several signatures,
 * separated by spaces; one matching is enough.
 */
export function signatureOf(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export function isSignedBy(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
): boolean {
  const expected = Buffer.from(signatureOf(secret, headers.id, headers.timestamp, body));
  return headers.signature.split(' ').some((given) => {
    const bytes = Buffer.from(given);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  });
}
