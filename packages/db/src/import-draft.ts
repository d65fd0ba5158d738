import {
  type Actor,
  type Article,
  ArticleSchema,
  ArticleStatusSchema,
  BodySchema,
  ImageSchema,
  LanguageSchema,
  limits,
  SlugSchema,
  TimestampSchema,
  tagTypes,
} from '@newsroom/domain';
import { z } from 'zod';

/** The statuses an import may give an article: anything else is an editor's decision. */
export const importStatuses = ['draft', 'published'] as const;
export type ImportStatus = (typeof importStatuses)[number];

const name = z.string().trim().min(1, 'name must not be empty').max(limits.name);

/**
 * One story read from outside copy, as `store.imports.importDraft` takes it: the shape of
 * @newsroom/ingest's ArticleDraft (a draft from the parsers fits as it is), checked again here
 * because the Store trusts no caller. Tags and authors are named as the copy names them; the
 * import finds them by the slug of that name, or creates them. Fields the Store does not keep
 * (origin, warnings) are accepted and ignored.
 */
export const ImportDraftInputSchema = z.object({
  /** The copy's own identity (feed guid, Atom id, front-matter id), or null. */
  sourceId: z.string().trim().min(1).max(limits.url).nullable().default(null),
  /** SHA-256 (hex) of the copy's normalized text (ingest's contentHashOf). */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'contentHash must be a SHA-256 in lowercase hex'),
  headline: ArticleSchema.shape.headline,
  /** Null: made from the headline, with -2, -3… when another article has it. */
  slug: SlugSchema.nullable().default(null),
  standfirst: ArticleSchema.shape.standfirst.default(null),
  body: BodySchema,
  heroImage: ImageSchema.nullable().default(null),
  sources: ArticleSchema.shape.sources.default([]),
  tags: z
    .array(z.object({ name, type: z.enum(tagTypes).optional() }))
    .max(limits.tagsPerArticle, `at most ${limits.tagsPerArticle} tags`)
    .default([]),
  authors: z
    .array(name)
    .max(limits.authorsPerArticle, `at most ${limits.authorsPerArticle} authors`)
    .default([]),
  /** A section slug; it must exist (an import never invents sections). */
  section: SlugSchema.nullable().default(null),
  status: ArticleStatusSchema.nullable()
    .default(null)
    .refine((status) => status === null || (importStatuses as readonly string[]).includes(status), {
      message: `an import makes ${importStatuses.join(' or ')} articles only`,
    })
    .transform((status) => status as ImportStatus | null),
  publishedAt: TimestampSchema.nullable().default(null),
  canonicalUrl: ArticleSchema.shape.canonicalUrl.default(null),
  language: LanguageSchema.nullable().default(null),
});
export type ImportDraftInput = z.input<typeof ImportDraftInputSchema>;
export type ImportDraft = z.output<typeof ImportDraftInputSchema>;

export interface ImportDraftOptions {
  /** Wins over the draft's own status. New articles are drafts when neither says. */
  status?: ImportStatus;
  /** A section slug; wins over the draft's. Unknown sections fail the article. */
  section?: string;
  /** Update articles edited since their import, overwriting the edits with the copy. */
  force?: boolean;
  /** Decide and return the outcome, then roll everything back: nothing is written. */
  dryRun?: boolean;
  now?: Date;
  actor?: Actor;
}

export type ImportSkipReason = 'unchanged' | 'edited since import';

export interface ImportDraftResult {
  action: 'created' | 'updated' | 'skipped';
  /** Why it was skipped. */
  reason?: ImportSkipReason;
  /** As it is after the import (in a dry run, as it would have been). */
  article: Article;
}

/** One story's outcome in importDrafts: its result, or why it failed (nothing of it was written). */
export type ImportDraftOutcome = { ok: true; result: ImportDraftResult } | { ok: false; error: Error };

/** What an article was imported from, and which of its versions the import wrote. */
export interface ArticleImport {
  articleId: string;
  sourceId: string | null;
  contentHash: string;
  importedVersion: number;
  importedAt: string;
}
