import { z } from 'zod';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';

/** An http(s) URL or a path on this site; never javascript:, data: or the like. */
export const MediaUrlSchema = z
  .string()
  .max(limits.url)
  // Browsers read "/\host" and "/<tab>/host" as "//host", another site, so a path may not
  // start that way or hold whitespace.
  .refine((v) => /^\/(?![/\\])\S*$/.test(v) || /^https?:\/\/[^\s]+$/i.test(v), {
    message: 'must be an http(s) URL or a path starting with /',
  });

const inlineText = (max: number) => z.string().trim().min(1, 'text must not be empty').max(max);

export const ImageSchema = z.object({
  src: MediaUrlSchema,
  alt: z.string().max(limits.imageAlt),
  caption: z.string().max(limits.caption).nullable().default(null),
  credit: z.string().max(limits.credit).nullable().default(null),
  width: z.number().int().positive().max(limits.imageDimension),
  height: z.number().int().positive().max(limits.imageDimension),
});
export type Image = z.infer<typeof ImageSchema>;

export const ParagraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  /** Inline text in the safe Markdown subset (see inline-text.ts). */
  text: inlineText(limits.blockText),
});

export const HeadingBlockSchema = z.object({
  type: z.literal('heading'),
  /** h1 is the headline; the body starts at h2. */
  level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  text: inlineText(limits.headingText),
});

export const QuoteBlockSchema = z.object({
  type: z.literal('quote'),
  text: inlineText(limits.blockText),
  attribution: z.string().trim().max(limits.attribution).nullable().default(null),
});

export const ImageBlockSchema = ImageSchema.extend({ type: z.literal('image') });

export const listStyles = ['bulleted', 'numbered'] as const;
export const ListBlockSchema = z.object({
  type: z.literal('list'),
  style: z.enum(listStyles),
  items: z.array(inlineText(limits.blockText)).min(1).max(limits.listItems),
});

export const SeeAlsoBlockSchema = z.object({
  type: z.literal('see-also'),
  /** The other story's slug, or null when imported copy named a story we do not have. */
  slug: SlugSchema.nullable(),
  headline: inlineText(limits.headline),
});

export const BlockSchema = z.discriminatedUnion('type', [
  ParagraphBlockSchema,
  HeadingBlockSchema,
  QuoteBlockSchema,
  ImageBlockSchema,
  ListBlockSchema,
  SeeAlsoBlockSchema,
]);
export type Block = z.infer<typeof BlockSchema>;
export type BlockType = Block['type'];
export type BlockOf<T extends BlockType> = Extract<Block, { type: T }>;

export const BodySchema = z
  .array(BlockSchema)
  .max(limits.bodyBlocks, `body must have at most ${limits.bodyBlocks} blocks`)
  .refine((body) => utf8Length(JSON.stringify(body)) <= limits.bodyBytes, {
    message: `body must be at most ${limits.bodyBytes} bytes`,
  });

const encoder = new TextEncoder();
function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
