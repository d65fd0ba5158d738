import { describe, expect, it } from 'vitest';
import { isSignedBy, signatureOf } from './webhook-signature.ts';

// The example in the Standard Webhooks specification (and its libraries' tests).
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = '1614265330';
const body = '{"test": 2432232314}';
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

describe('webhook signatures', () => {
  it("match the specification's example", () => {
    expect(signatureOf(secret, id, timestamp, body)).toBe(signature);
    expect(isSignedBy(secret, { id, timestamp, signature }, body)).toBe(true);
  });

  it('accept one matching signature among several', () => {
    expect(isSignedBy(secret, { id, timestamp, signature: `v1,bm9wZQ== ${signature}` }, body)).toBe(true);
  });

  it('refuse another body, id, time or secret', () => {
    expect(isSignedBy(secret, { id, timestamp, signature }, '{"test": 1}')).toBe(false);
    expect(isSignedBy(secret, { id: 'msg_other', timestamp, signature }, body)).toBe(false);
    expect(isSignedBy(secret, { id, timestamp: '1614265331', signature }, body)).toBe(false);
    expect(isSignedBy('whsec_b3RoZXI=', { id, timestamp, signature }, body)).toBe(false);
    expect(isSignedBy(secret, { id, timestamp, signature: '' }, body)).toBe(false);
  });
});
