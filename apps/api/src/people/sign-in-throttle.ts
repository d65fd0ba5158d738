import type { Store } from '@newsroom/db';

/**
 * Brute-force brakes on sign-in: failures count per account (`email:<email>`) and per address
 * (`address:<ip>`). Five are free; after that each attempt must wait twice as long as the
 * last, from a second up to an hour. The Store keeps the counts, so every API process shares them.
 */
export const signInThrottlePolicy = { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 3_600_000 };

export function signInThrottleKeys(email: string, address: string): string[] {
  return [`email:${email}`, `address:${address}`];
}

/** A sign-in refused because the account or the address must wait (answered 429 with Retry-After). */
export class SignInThrottledError extends Error {
  override name = 'SignInThrottledError';
  readonly retryAfterSeconds: number;
  constructor(waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super(`Too many failed sign-ins: try again in ${seconds} s`);
    this.retryAfterSeconds = seconds;
  }
}

/** Throws SignInThrottledError while any of `keys` must still wait. */
export async function checkSignInThrottle(store: Store, keys: string[]): Promise<void> {
  const waitMs = await store.signInThrottle.wait(keys);
  if (waitMs > 0) throw new SignInThrottledError(waitMs);
}

/** Counts a failure for every key. */
export function countSignInFailure(store: Store, keys: string[]): Promise<number> {
  return store.signInThrottle.fail(keys, signInThrottlePolicy);
}
