import { z } from 'zod';
import { TimestampSchema } from './article.js';
import { limits } from './limits.js';
import { RoleSchema } from './principal.js';
import { SlugSchema } from './slug.js';

/**
 * People: the journalists and editors who sign in to the desk. A person has the rights of
 * their role, exactly as an API token of that role has.
 */

/**
 * An email address as stored and compared: trimmed and lower-cased, so "Ada@Example.com" and
 * "ada@example.com" are one account. The shape check is deliberately plain (something@host.tld):
 * the invitation link, not a regular expression, proves an address works.
 */
export const EmailSchema = z
  .string()
  .trim()
  .max(limits.email, `an email address has at most ${limits.email} characters`)
  .toLowerCase()
  .pipe(z.email('this is not an email address'));

export const personStatuses = ['invited', 'active', 'suspended'] as const;
export const PersonStatusSchema = z.enum(personStatuses);
export type PersonStatus = (typeof personStatuses)[number];

export const PersonNameSchema = z
  .string()
  .trim()
  .min(1, 'a name must not be empty')
  .max(limits.personName, `a name has at most ${limits.personName} characters`);

export const PersonSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** The author profile whose byline this person writes under, if any. */
  authorSlug: SlugSchema.nullable(),
  status: PersonStatusSchema,
  createdAt: TimestampSchema,
  lastSignInAt: TimestampSchema.nullable(),
  /** Whether an authenticator app (TOTP) is enrolled and confirmed. */
  totpEnabled: z.boolean(),
  passkeyCount: z.number().int().min(0),
});
export type Person = z.infer<typeof PersonSchema>;

export const InvitePersonInputSchema = z
  .object({
    email: EmailSchema,
    name: PersonNameSchema,
    role: RoleSchema,
    authorSlug: SlugSchema.nullable().default(null),
  })
  .strict();
export type InvitePersonInput = z.input<typeof InvitePersonInputSchema>;

/**
 * A password as a person types it: Unicode-normalised (NFC) so the same characters typed on
 * two keyboards are the same password, 10 to 256 characters. Whether it is too common is a
 * separate check (the API's password policy), since it needs a dictionary.
 */
export const PasswordSchema = z
  .string()
  .max(limits.passwordMax * 4, `a password has at most ${limits.passwordMax} characters`)
  .transform((value) => value.normalize('NFC'))
  .pipe(
    z
      .string()
      .refine((value) => [...value].length >= limits.passwordMin, {
        message: `a password has at least ${limits.passwordMin} characters`,
      })
      .refine((value) => [...value].length <= limits.passwordMax, {
        message: `a password has at most ${limits.passwordMax} characters`,
      }),
  );

/** A signed-in session as its owner sees it in "Your account". */
export const SessionInfoSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  createdAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
  /** When it ends however active it is (the absolute lifetime). */
  expiresAt: TimestampSchema,
  /** The browser's User-Agent, shortened; the person recognises their devices by it. */
  userAgent: z.string(),
  address: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const PasskeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
});
export type Passkey = z.infer<typeof PasskeySchema>;

export const PasskeyNameSchema = z
  .string()
  .trim()
  .min(1, 'a passkey name must not be empty')
  .max(limits.passkeyName, `a passkey name has at most ${limits.passkeyName} characters`);

/** Newsroom-wide settings an admin changes. */
export const NewsroomSettingsSchema = z
  .object({
    /**
     * The lowest role that must sign in with a second factor (TOTP or a passkey): 'editor'
     * covers editors and admins. Null requires it of nobody.
     */
    requireSecondFactorFrom: RoleSchema.nullable(),
  })
  .strict();
export type NewsroomSettings = z.infer<typeof NewsroomSettingsSchema>;
export const defaultSettings: NewsroomSettings = { requireSecondFactorFrom: null };
