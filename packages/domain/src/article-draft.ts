import { z } from 'zod';
import { ArticleSchema, ArticleStatusSchema, LanguageSchema, TimestampSchema } from './article.js';
import { BodySchema, ImageSchema } from './blocks.js';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';
import { tagTypes } from './taxonomy.js';

/** A tag or author as the copy names it: the import finds or creates one by it. */
const DraftNameSchema = z.string().trim().min(1, 'name must not be empty').max(limits.name);

/**
 * One story read from outside copy, before it is an article: what @newsroom/ingest's parsers
 * produce and the Store's imports take. Tags, authors and the section are named as the copy
 * names them; the import finds or creates them. Nothing in a draft is HTML. The Store parses a
 * draft with this schema again, since it trusts no caller; fields left out take the defaults
 * (`ArticleDraftInput`), and a draft the parsers made (`ArticleDraft`) fits as it is.
 */
export const ArticleDraftSchema = z.object({
  /** Where it came from, for messages: a file path, a URL, or a URL plus the item's position. */
  origin: z.string().default(''),
  /**
   * The copy's own identity (a feed item's guid, an Atom entry's id, a front-matter `id`), or
   * null: then the import recognises the story again by contentHash.
   */
  sourceId: z.string().trim().min(1).max(limits.url).nullable().default(null),
  /** SHA-256 (hex) of the normalized source text of this story, for idempotent re-imports. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash must be a SHA-256 in lowercase hex'),
  headline: ArticleSchema.shape.headline,
  /** Null: the import makes one from the headline. */
  slug: SlugSchema.nullable().default(null),
  standfirst: ArticleSchema.shape.standfirst.default(null),
  /** Where the story was filed from, as a dateline gives it ("KUALA LUMPUR", "Berlin"). */
  dateline: ArticleSchema.shape.dateline.default(null),
  /** See-also blocks may still be unresolved (slug null) with the headline the copy names. */
  body: BodySchema,
  heroImage: ImageSchema.nullable().default(null),
  sources: ArticleSchema.shape.sources.default([]),
  tags: z
    .array(z.object({ name: DraftNameSchema, type: z.enum(tagTypes).optional() }))
    .max(limits.tagsPerArticle, `at most ${limits.tagsPerArticle} tags`)
    .default([]),
  authors: z
    .array(DraftNameSchema)
    .max(limits.authorsPerArticle, `at most ${limits.authorsPerArticle} authors`)
    .default([]),
  /** A section slug (front matter, or the CLI's --section). */
  section: SlugSchema.nullable().default(null),
  /** The status the copy asks for, if any; what an import may make of it is the Store's rule. */
  status: ArticleStatusSchema.nullable().default(null),
  /** When the copy says it was published (feed pubDate, front-matter date). */
  publishedAt: TimestampSchema.nullable().default(null),
  canonicalUrl: ArticleSchema.shape.canonicalUrl.default(null),
  language: LanguageSchema.nullable().default(null),
  /** Things dropped or changed on the way, each one readable line (e.g. "raw HTML stripped"). */
  warnings: z.array(z.string()).default([]),
});
export type ArticleDraftInput = z.input<typeof ArticleDraftSchema>;
export type ArticleDraft = z.output<typeof ArticleDraftSchema>;
