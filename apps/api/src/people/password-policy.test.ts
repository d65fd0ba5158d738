import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-policy.js';

describe('the password policy', () => {
  it('refuses common passwords and keyboard walks, saying why', () => {
    for (const weak of ['password123', 'qwertyuiop', '1234567890', 'iloveyou2024']) {
      const message = passwordWeakness(weak);
      expect(message, weak).toMatch(
        /^This password is too easy to guess\. .*Use a longer phrase of unrelated words$/,
      );
    }
  });

  it("refuses a password made of the person's own name or email", () => {
    expect(passwordWeakness('adareporter', ['ada.reporter@example.com', 'Ada Reporter'])).not.toBeNull();
  });

  it('accepts a long phrase of unrelated words', () => {
    expect(passwordWeakness('tangerine orbit fossil kettle')).toBeNull();
    expect(passwordWeakness('Xq7!vR2#pL9@')).toBeNull();
  });
});
