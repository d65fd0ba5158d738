import { limits, PasswordSchema } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { passwordWeakness } from './password-policy.js';

/**
 * A password typed to sign in: any length up to the limit (a wrong one is simply wrong, the
 * throttle counts it), NFC-normalised as PasswordSchema stores them.
 */
export const TypedPasswordSchema = z
  .string()
  .min(1, 'type your password')
  .max(limits.passwordMax * 4, `a password has at most ${limits.passwordMax} characters`)
  .transform((value) => value.normalize('NFC'));

/** A new password: PasswordSchema's length and NFC; the dictionary check comes after (needsStrongPassword). */
export const NewPasswordSchema = PasswordSchema;

/**
 * Refuses a password that is too easy to guess, as a field error on `field`, the way the
 * desk shows every other input error (data.zodError.fieldErrors).
 */
export function needsStrongPassword(password: string, personal: string[], field: string): void {
  const weakness = passwordWeakness(password, personal);
  if (weakness === null) return;
  throw fieldError(field, weakness);
}

/** A BAD_REQUEST that names one input field, shaped like zod's own (data.zodError.fieldErrors). */
export function fieldError(field: string, message: string): TRPCError {
  const refused = z
    .object({ [field]: z.unknown().refine(() => false, { message }) })
    .safeParse({ [field]: null });
  return new TRPCError({ code: 'BAD_REQUEST', message, cause: refused.error });
}
