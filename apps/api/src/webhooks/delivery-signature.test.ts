import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signedHeaders } from './delivery-signature.js';

const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe('webhook delivery signatures', () => {
  const body = JSON.stringify({ type: 'article.published', article: { slug: 'storm-hits-coast' } });

  it('are checked by a receiver holding the secret, as the Standard Webhooks library checks them', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders(secret, { id: 'msg_42', at: new Date(), body });
    expect(headers['webhook-id']).toBe('msg_42');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fail for another secret, a changed body, another id or an old timestamp', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders(secret, { id: 'msg_42', at: new Date(), body });
    const refused = (check: () => unknown) => expect(check).toThrow(WebhookVerificationError);
    refused(() => new Webhook(newWebhookSecret()).verify(body, headers));
    refused(() => new Webhook(secret).verify(body.replace('storm', 'calm'), headers));
    refused(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_43' }));
    const old = signedHeaders(secret, { id: 'msg_42', at: new Date(Date.now() - 3_600_000), body });
    refused(() => new Webhook(secret).verify(body, old));
  });
});
