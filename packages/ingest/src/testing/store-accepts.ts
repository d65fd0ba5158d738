import {
  ArticleSchema,
  BodySchema,
  ImageSchema,
  LanguageSchema,
  limits,
  SlugSchema,
  SourceCreditSchema,
  TimestampSchema,
} from '@newsroom/domain';
import { expect } from 'vitest';
import type { ArticleDraft } from '../draft.js';

/** Asserts the draft fits every rule the Store applies to what it holds (domain schemas and limits). */
export function expectStoreAccepts(draft: ArticleDraft): void {
  const checks = {
    headline: ArticleSchema.shape.headline.safeParse(draft.headline),
    standfirst: ArticleSchema.shape.standfirst.safeParse(draft.standfirst),
    body: BodySchema.safeParse(draft.body),
    heroImage: ImageSchema.nullable().safeParse(draft.heroImage),
    sources: SourceCreditSchema.array().max(limits.sourcesPerArticle).safeParse(draft.sources),
    slug: SlugSchema.nullable().safeParse(draft.slug),
    section: SlugSchema.nullable().safeParse(draft.section),
    publishedAt: TimestampSchema.nullable().safeParse(draft.publishedAt),
    canonicalUrl: ArticleSchema.shape.canonicalUrl.safeParse(draft.canonicalUrl),
    language: LanguageSchema.nullable().safeParse(draft.language),
  };
  const failures = Object.entries(checks)
    .filter(([, result]) => !result.success)
    .map(([field, result]) => `${field}: ${result.error?.issues[0]?.message}`);
  expect(failures).toEqual([]);
  expect(draft.tags.length).toBeLessThanOrEqual(limits.tagsPerArticle);
  expect(draft.authors.length).toBeLessThanOrEqual(limits.authorsPerArticle);
  for (const tag of draft.tags) expect(tag.name.length).toBeLessThanOrEqual(limits.name);
  for (const author of draft.authors) expect(author.length).toBeLessThanOrEqual(limits.name);
}
