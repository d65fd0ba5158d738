import type { Store } from '@newsroom/db';
import type { Person } from '@newsroom/domain';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { z } from 'zod';

// The Store's passkey shapes, read from its interface (the db package does not export them by name).
type NewPasskeyCredential = Parameters<Store['people']['addPasskey']>[1];
type PasskeyCredential = NonNullable<Awaited<ReturnType<Store['people']['passkeyCredential']>>>;

/**
 * Passkeys (WebAuthn) with @simplewebauthn/server. The desk is the relying party: its
 * hostname is the RP ID and its origin the only origin accepted, so a passkey made for the
 * desk works nowhere else. User verification (a PIN, a fingerprint) is required, which is why
 * a passkey sign-in counts as two factors.
 */
export interface RelyingParty {
  id: string;
  origin: string;
}

export function relyingPartyOf(deskUrl: string): RelyingParty {
  const url = new URL(deskUrl);
  return { id: url.hostname, origin: url.origin };
}

/** How long a browser may take over a ceremony, and how long its challenge lives. */
export const ceremonyMs = 5 * 60_000;

const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'expected base64url');

/** A browser's answer to navigator.credentials.create(), as @simplewebauthn/browser sends it. */
export const RegistrationResponseSchema = z
  .object({
    id: b64url(1_400),
    rawId: b64url(1_400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: b64url(4_000),
      attestationObject: b64url(20_000),
      authenticatorData: b64url(4_000).optional(),
      transports: z.array(z.string().max(30)).max(10).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: b64url(4_000).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  })
  .refine(
    (value) => JSON.stringify(value.clientExtensionResults).length <= 2_000,
    'extension results too large',
  );

/** A browser's answer to navigator.credentials.get(). */
export const AuthenticationResponseSchema = z
  .object({
    id: b64url(1_400),
    rawId: b64url(1_400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: b64url(4_000),
      authenticatorData: b64url(4_000),
      // Room for an ML-DSA-87 signature (4,627 bytes): ML-DSA-44 is the first algorithm offered.
      signature: b64url(8_000),
      userHandle: b64url(200).optional(),
    }),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  })
  .refine(
    (value) => JSON.stringify(value.clientExtensionResults).length <= 2_000,
    'extension results too large',
  );

export function registrationOptions(
  person: Person,
  rp: RelyingParty,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: 'Newsroom',
    rpID: rp.id,
    userName: person.email,
    userDisplayName: person.name,
    // The person's id, not their email: the authenticator keeps one passkey per person and desk.
    userID: Buffer.from(person.id.replaceAll('-', ''), 'hex'),
    attestationType: 'none',
    timeout: ceremonyMs,
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

/** The credential to store, or null when the response does not prove a new passkey for this challenge. */
export async function verifiedRegistration(
  response: z.infer<typeof RegistrationResponseSchema>,
  challenge: string,
  rp: RelyingParty,
): Promise<Omit<NewPasskeyCredential, 'name'> | null> {
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
    };
  } catch {
    return null;
  }
}

/** Discoverable: the browser offers whichever passkey the person has for the desk. */
export function authenticationOptions(rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required', timeout: ceremonyMs });
}

/** The authenticator's new signature counter, or null when the assertion does not hold. */
export async function verifiedAuthentication(
  response: z.infer<typeof AuthenticationResponseSchema>,
  challenge: string,
  credential: PasskeyCredential,
  rp: RelyingParty,
): Promise<number | null> {
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: credential.credentialId,
        publicKey: Buffer.from(credential.publicKey, 'base64url'),
        counter: credential.counter,
        transports: credential.transports as never,
      },
      requireUserVerification: true,
    });
    return result.verified ? result.authenticationInfo.newCounter : null;
  } catch {
    return null;
  }
}
