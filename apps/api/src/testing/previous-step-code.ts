import { generateSync } from 'otplib';

/**
 * For tests: the authenticator code of the 30-second step before this one, so a sign-in right
 * after can use the current step's. Taken at least 5 s before the step ends, so the API still
 * counts it as one step old (not two) when the call arrives on a busy machine.
 */
export async function previousStepCode(secret: string): Promise<string> {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 25) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep + 0.5) * 1000));
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
}
