import { generateSecret, generateURI, verifySync } from 'otplib';

/**
 * Authenticator-app codes (TOTP, RFC 6238) with otplib: SHA-1, 6 digits, 30-second steps, the
 * settings every authenticator app shares. A code of the step before or after the current one
 * is accepted too (a phone's clock a little off, a code typed as it changed).
 */
const period = 30;

/** A new key: 20 random bytes, in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// address a QR code holds, naming Newsroom and the person's email. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Newsroom', label: email, secret, algorithm: 'sha1', digits: 6, period });
}

/** A code as typed: spaces dropped ("123 456"); anything but six digits never matches. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/**
 * The time step `code` belongs to when it is right for `secret` now (± one step), else null.
 * The caller stores the step (useTotpStep) so the same code cannot be used twice.
 */
export function totpStepOf(secret: string, code: string, now: Date = new Date()): number | null {
  const token = normaliseCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = verifySync({
      secret,
      token,
      algorithm: 'sha1',
      digits: 6,
      period,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: period,
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // A stored key otplib cannot read matches nothing.
    return null;
  }
}
