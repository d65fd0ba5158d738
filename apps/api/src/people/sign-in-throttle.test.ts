import { describe, expect, it } from 'vitest';
import { SignInThrottledError, signInThrottleKeys } from './sign-in-throttle.js';

describe('the sign-in throttle', () => {
  it('counts per account and per address', () => {
    expect(signInThrottleKeys('ada@example.com', '203.0.113.9')).toEqual([
      'email:ada@example.com',
      'address:203.0.113.9',
    ]);
  });

  it('says how long to wait in whole seconds, at least one', () => {
    expect(new SignInThrottledError(1).retryAfterSeconds).toBe(1);
    expect(new SignInThrottledError(2_001).retryAfterSeconds).toBe(3);
    expect(new SignInThrottledError(4_000).message).toBe('Too many failed sign-ins: try again in 4 s');
  });
});
