import { z } from 'zod';
import { TimestampSchema } from './article.js';
import type { Block } from './blocks.js';
import { limits } from './limits.js';

/**
 * An uploaded picture, kept once and known by the SHA-256 of its cleaned bytes. An article uses
 * it by giving `/media/<hash>` as an image's `src`; the reader site turns that into the sizes
 * and formats each screen needs, and a picture in use cannot be deleted.
 */
export const MediaHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'a picture is named by 64 lowercase hex digits');

export const mediaFormats = ['jpeg', 'png', 'webp', 'avif'] as const;
export const MediaFormatSchema = z.enum(mediaFormats);
export type MediaFormat = (typeof mediaFormats)[number];

/** Where in the picture its subject is, as fractions of width and height: crops keep it in view. */
export const FocalPointSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
});
export type FocalPoint = z.infer<typeof FocalPointSchema>;

export const MediaSchema = z.object({
  hash: MediaHashSchema,
  format: MediaFormatSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Bytes of the kept original. */
  size: z.number().int().positive(),
  alt: z.string().max(limits.imageAlt),
  caption: z.string().max(limits.caption).nullable(),
  credit: z.string().max(limits.credit).nullable(),
  focal: FocalPointSchema,
  uploadedBy: z.string().min(1).max(limits.tokenName),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Media = z.infer<typeof MediaSchema>;

/** What the desk edits about a picture; the pixels never change once kept. */
export const UpdateMediaInputSchema = z
  .object({
    alt: z.string().trim().max(limits.imageAlt),
    caption: z.string().trim().max(limits.caption).nullable(),
    credit: z.string().trim().max(limits.credit).nullable(),
    focal: FocalPointSchema,
  })
  .partial()
  .strict();
export type UpdateMediaInput = z.infer<typeof UpdateMediaInputSchema>;

/** The address an article gives as an image's `src` to use a kept picture. */
export function mediaPath(hash: string): string {
  return `/media/${hash}`;
}

/** The kept picture an image's `src` names, or null for any other address (an outside picture). */
export function mediaHashOf(src: string): string | null {
  return /^\/media\/([0-9a-f]{64})$/.exec(src)?.[1] ?? null;
}

/** Every kept picture an article uses, as its hero or in its body, each once. */
export function mediaHashesIn(article: {
  heroImage: { src: string } | null;
  body: readonly Block[];
}): string[] {
  const sources = [
    article.heroImage?.src,
    ...article.body.map((block) => (block.type === 'image' ? block.src : null)),
  ];
  const hashes = sources.map((src) => (src ? mediaHashOf(src) : null)).filter((hash) => hash !== null);
  return [...new Set(hashes)];
}
