import { z } from 'zod';
import { TimestampSchema } from './article.js';
import { limits } from './limits.js';

/**
 * Preview links: an unpublished (or published) article as the reader site shows it, at
 * `/preview/<token>`, for whoever holds the link and without signing in. A 'share' link is
 * what an editor sends a source or a lawyer; a 'desk' link is the desk's own short-lived
 * "Preview" button, and is not listed with the share links.
 */
export const previewPurposes = ['share', 'desk'] as const;
export const PreviewPurposeSchema = z.enum(previewPurposes);
export type PreviewPurpose = (typeof previewPurposes)[number];

/** How long a share link lasts unless its maker says otherwise. */
export const defaultPreviewDays = 7;
/** How long the desk's own preview link lasts: long enough to read, short enough to be harmless if copied. */
export const deskPreviewMinutes = 60;

/**
 * A token as it arrives in an address. Any text within the length is looked up, so that a
 * mistyped, expired and revoked link all get the same answer.
 */
export const PreviewTokenSchema = z
  .string()
  .min(1, 'a preview token must not be empty')
  .max(limits.previewToken, `a preview token has at most ${limits.previewToken} characters`);

/** Who made a preview link: a person signed in to the desk, or an API token's holder (no person). */
export const PreviewCreatorSchema = z.object({
  personId: z.uuid().nullable(),
  name: z.string().min(1).max(limits.tokenName),
});
export type PreviewCreator = z.infer<typeof PreviewCreatorSchema>;

/** A preview link as its article's editors see it: never its secret, which only its maker is shown, once. */
export const PreviewLinkSchema = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  purpose: PreviewPurposeSchema,
  createdBy: PreviewCreatorSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  revokedAt: TimestampSchema.nullable(),
});
export type PreviewLink = z.infer<typeof PreviewLinkSchema>;

/**
 * What the desk asks for: a share link for `days` (1 to 30, default 7), or the desk's own
 * link, which always lasts `deskPreviewMinutes` and so takes no `days`.
 */
export const CreatePreviewInputSchema = z
  .object({
    articleId: z.uuid(),
    days: z
      .number()
      .int('days is a whole number')
      .min(1, 'a preview link lasts at least 1 day')
      .max(limits.previewDays, `a preview link lasts at most ${limits.previewDays} days`)
      .optional(),
    purpose: PreviewPurposeSchema.default('share'),
  })
  .strict()
  .refine((input) => input.purpose === 'share' || input.days === undefined, {
    message: `a desk preview link always lasts ${deskPreviewMinutes} minutes: leave out days`,
    path: ['days'],
  });
export type CreatePreviewInput = z.input<typeof CreatePreviewInputSchema>;

/** When a link made at `now` for `input` expires. */
export function previewExpiry(
  input: { purpose: PreviewPurpose; days?: number | undefined },
  now: Date,
): Date {
  const ms =
    input.purpose === 'desk' ? deskPreviewMinutes * 60_000 : (input.days ?? defaultPreviewDays) * 86_400_000;
  return new Date(now.getTime() + ms);
}
