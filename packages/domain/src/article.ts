import { z } from 'zod';
import { BodySchema, ImageSchema } from './blocks.js';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';
import { AuthorRefSchema, SectionRefSchema, TagRefSchema } from './taxonomy.js';

/** moderated: comments wait for an editor; open: they appear at once; closed: none taken. */
export const commentPolicies = ['moderated', 'open', 'closed'] as const;
export type CommentPolicy = (typeof commentPolicies)[number];

export const articleStatuses = ['draft', 'scheduled', 'published', 'archived'] as const;
export const ArticleStatusSchema = z.enum(articleStatuses);
export type ArticleStatus = (typeof articleStatuses)[number];

/** Timestamps travel as ISO-8601 strings with an offset, so plain JSON clients can read them. */
export const TimestampSchema = z.iso.datetime({ offset: true });

export const sourceTypes = ['wire', 'publication', 'organization', 'person'] as const;
/** Who else the story's copy came from: "Additional sources: AP", "With reporting by Reuters". */
export const SourceCreditSchema = z.object({
  name: z.string().trim().min(1).max(limits.sourceName),
  type: z.enum(sourceTypes).default('wire'),
  url: z
    .url({ protocol: /^https?$/ })
    .max(limits.url)
    .nullable()
    .default(null),
});
export type SourceCredit = z.infer<typeof SourceCreditSchema>;

export const CorrectionSchema = z.object({
  date: TimestampSchema,
  note: z.string().trim().min(1).max(limits.correctionText),
});
export type Correction = z.infer<typeof CorrectionSchema>;

export const LanguageSchema = z
  .string()
  .max(limits.language)
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag such as "en" or "pt-BR"');

export const ArticleSchema = z.object({
  id: z.uuid(),
  slug: SlugSchema,
  headline: z
    .string()
    .trim()
    .min(1, 'headline must not be empty')
    .max(limits.headline, `headline must be at most ${limits.headline} characters`),
  standfirst: z.string().trim().max(limits.standfirst).nullable(),
  body: BodySchema,
  status: ArticleStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  publishedAt: TimestampSchema.nullable(),
  scheduledFor: TimestampSchema.nullable(),
  /** Incremented on every save; an update must name the version it read. */
  version: z.number().int().min(1),
  section: SectionRefSchema.nullable(),
  /** The byline, in order. */
  authors: z.array(AuthorRefSchema).max(limits.authorsPerArticle),
  /** In order; the first is the primary tag. */
  tags: z.array(TagRefSchema).max(limits.tagsPerArticle),
  heroImage: ImageSchema.nullable(),
  dateline: z.string().trim().max(limits.dateline).nullable(),
  sources: z.array(SourceCreditSchema).max(limits.sourcesPerArticle),
  corrections: z.array(CorrectionSchema).max(limits.corrections),
  canonicalUrl: z
    .url({ protocol: /^https?$/ })
    .max(limits.url)
    .nullable(),
  seoTitle: z.string().trim().max(limits.seoTitle).nullable(),
  seoDescription: z.string().trim().max(limits.seoDescription).nullable(),
  language: LanguageSchema,
  /** Stories an editor picked as related, in order; shown before automatic ones. */
  relatedSlugs: z.array(SlugSchema).max(limits.relatedPerArticle),
  /** Whether readers may comment, and whether their comments wait for a moderator. */
  commentPolicy: z.enum(commentPolicies),
  /** When an author asked an editor to review the draft; null when nobody has. */
  reviewRequestedAt: TimestampSchema.nullable(),
  /** Derived from the body by wordCountOf; never written by hand. */
  wordCount: z.number().int().min(0),
  /** Derived from the body by readingTimeMinutes; never written by hand. */
  readingTimeMinutes: z.number().int().min(1),
});
export type Article = z.infer<typeof ArticleSchema>;

/** The light shape for lists: no body, no corrections. */
export const ArticleSummarySchema = ArticleSchema.pick({
  id: true,
  slug: true,
  headline: true,
  standfirst: true,
  status: true,
  publishedAt: true,
  updatedAt: true,
  section: true,
  authors: true,
  tags: true,
  heroImage: true,
  readingTimeMinutes: true,
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

const slugList = (max: number, what: string) =>
  z
    .array(SlugSchema)
    .max(max, `at most ${max} ${what}`)
    .refine((slugs) => new Set(slugs).size === slugs.length, { message: `${what} must not repeat` });

/** The fields an editor writes; ids, timestamps, status, version and derived figures are the system's. */
const EditableArticleSchema = ArticleSchema.pick({
  slug: true,
  headline: true,
  standfirst: true,
  body: true,
  heroImage: true,
  dateline: true,
  sources: true,
  canonicalUrl: true,
  seoTitle: true,
  seoDescription: true,
  language: true,
}).extend({
  sectionSlug: SlugSchema.nullable(),
  authorSlugs: slugList(limits.authorsPerArticle, 'authors'),
  tagSlugs: slugList(limits.tagsPerArticle, 'tags'),
  relatedSlugs: slugList(limits.relatedPerArticle, 'related stories'),
  commentPolicy: z.enum(commentPolicies),
});

const editable = EditableArticleSchema.shape;

/** A new draft: headline and body are required, the slug defaults to one made from the headline. */
export const CreateArticleInputSchema = EditableArticleSchema.extend({
  slug: editable.slug.optional(),
  standfirst: editable.standfirst.default(null),
  heroImage: editable.heroImage.default(null),
  dateline: editable.dateline.default(null),
  sources: editable.sources.default([]),
  canonicalUrl: editable.canonicalUrl.default(null),
  seoTitle: editable.seoTitle.default(null),
  seoDescription: editable.seoDescription.default(null),
  language: editable.language.default('en'),
  sectionSlug: editable.sectionSlug.default(null),
  authorSlugs: editable.authorSlugs.default([]),
  tagSlugs: editable.tagSlugs.default([]),
  relatedSlugs: editable.relatedSlugs.default([]),
  commentPolicy: editable.commentPolicy.default('moderated'),
}).strict();
export type CreateArticleInput = z.input<typeof CreateArticleInputSchema>;
export type CreateArticle = z.output<typeof CreateArticleInputSchema>;

/**
 * A partial update that names the version it was based on. Built from the fields without
 * their defaults, so a field left out stays as it is instead of being reset.
 */
export const UpdateArticleInputSchema = EditableArticleSchema.partial()
  .extend({
    id: z.uuid(),
    version: z.number().int().min(1),
    /** A typo-level save: keeps the public "updated" time unchanged. */
    minor: z.boolean().default(false),
  })
  .strict();
export type UpdateArticleInput = z.input<typeof UpdateArticleInputSchema>;
export type UpdateArticle = z.output<typeof UpdateArticleInputSchema>;
