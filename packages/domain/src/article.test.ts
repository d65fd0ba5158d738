import { describe, expect, it } from 'vitest';
import {
  ArticleSchema,
  ArticleSummarySchema,
  CreateArticleInputSchema,
  LanguageSchema,
  SourceCreditSchema,
  UpdateArticleInputSchema,
} from './article.js';
import { limits } from './limits.js';
import { article, paragraph, tag } from './testing/fixtures.js';

const id = '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11';

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

/** Every field an editor may write in an update. */
const editableFields = [
  'slug',
  'headline',
  'standfirst',
  'body',
  'heroImage',
  'dateline',
  'sources',
  'canonicalUrl',
  'seoTitle',
  'seoDescription',
  'language',
  'sectionSlug',
  'authorSlugs',
  'tagSlugs',
] as const;

describe('ArticleSchema', () => {
  it('accepts a complete article', () => {
    const full = article({
      standfirst: 'What happened and why it matters.',
      section: { slug: 'world', name: 'World' },
      authors: [{ slug: 'ana-lima', name: 'Ana Lima' }],
      tags: [tag('ukraine'), tag('diplomacy')],
      sources: [{ name: 'AP', type: 'wire', url: 'https://apnews.com' }],
      corrections: [{ date: '2025-03-02T10:00:00+01:00', note: 'An earlier version misspelled a name.' }],
    });
    expect(ArticleSchema.parse(full)).toEqual(full);
  });

  it('refuses a headline over 200 characters, saying the maximum', () => {
    expect(ArticleSchema.safeParse(article({ headline: 'h'.repeat(limits.headline) })).success).toBe(true);
    const result = ArticleSchema.safeParse(article({ headline: 'h'.repeat(limits.headline + 1) }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['headline']);
    expect(messagesOf(result)).toEqual(['headline must be at most 200 characters']);
  });

  it('refuses an empty headline', () => {
    const result = ArticleSchema.safeParse(article({ headline: '   ' }));
    expect(messagesOf(result)).toEqual(['headline must not be empty']);
  });

  it('refuses more tags than the limit', () => {
    const tags = Array.from({ length: limits.tagsPerArticle + 1 }, (_, i) => tag(`tag-${i}`));
    expect(ArticleSchema.safeParse(article({ tags })).success).toBe(false);
    expect(ArticleSchema.safeParse(article({ tags: tags.slice(1) })).success).toBe(true);
  });

  it('refuses timestamps without an offset', () => {
    expect(ArticleSchema.safeParse(article({ publishedAt: '2025-03-01T09:00:00' })).success).toBe(false);
    expect(ArticleSchema.safeParse(article({ publishedAt: '2025-03-01T09:00:00+02:00' })).success).toBe(true);
  });

  it('refuses a canonical URL that is not http(s)', () => {
    expect(ArticleSchema.safeParse(article({ canonicalUrl: 'javascript:alert(1)' })).success).toBe(false);
    expect(ArticleSchema.safeParse(article({ canonicalUrl: 'https://example.org/a' })).success).toBe(true);
  });
});

describe('ArticleSummarySchema', () => {
  it('carries no body and no corrections', () => {
    const summary = ArticleSummarySchema.parse(article());
    expect(summary).not.toHaveProperty('body');
    expect(summary).not.toHaveProperty('corrections');
    expect(summary).toHaveProperty('readingTimeMinutes', 1);
  });
});

describe('LanguageSchema', () => {
  it('accepts BCP 47 tags and refuses names', () => {
    for (const tagName of ['en', 'pt-BR', 'zh-Hant-TW', 'fil'])
      expect(LanguageSchema.safeParse(tagName).success).toBe(true);
    const result = LanguageSchema.safeParse('English');
    expect(messagesOf(result)).toEqual(['language must be a BCP 47 tag such as "en" or "pt-BR"']);
  });
});

describe('SourceCreditSchema', () => {
  it('defaults to a wire source with no URL', () => {
    expect(SourceCreditSchema.parse({ name: 'Reuters' })).toEqual({
      name: 'Reuters',
      type: 'wire',
      url: null,
    });
  });
});

describe('CreateArticleInputSchema', () => {
  it('fills every optional field with its default', () => {
    expect(
      CreateArticleInputSchema.parse({ headline: 'Markets fall', body: [paragraph('They fell.')] }),
    ).toEqual({
      headline: 'Markets fall',
      body: [{ type: 'paragraph', text: 'They fell.' }],
      standfirst: null,
      heroImage: null,
      dateline: null,
      sources: [],
      canonicalUrl: null,
      seoTitle: null,
      seoDescription: null,
      language: 'en',
      sectionSlug: null,
      authorSlugs: [],
      tagSlugs: [],
      relatedSlugs: [],
      commentPolicy: 'moderated',
    });
  });

  it('leaves the slug out when none is given, so the server can make one from the headline', () => {
    const input = CreateArticleInputSchema.parse({ headline: 'Markets fall', body: [] });
    expect(input.slug).toBeUndefined();
    expect(CreateArticleInputSchema.parse({ headline: 'x', body: [], slug: 'my-slug' }).slug).toBe('my-slug');
  });

  it('requires a headline and a body', () => {
    const result = CreateArticleInputSchema.safeParse({});
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['body', 'headline']);
  });

  it('refuses unknown keys', () => {
    const result = CreateArticleInputSchema.safeParse({ headline: 'x', body: [], status: 'published' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['status'] });
  });

  it('refuses too many tags, saying the maximum', () => {
    const tagSlugs = Array.from({ length: limits.tagsPerArticle + 1 }, (_, i) => `tag-${i}`);
    const result = CreateArticleInputSchema.safeParse({ headline: 'x', body: [], tagSlugs });
    expect(messagesOf(result)).toContain(`at most ${limits.tagsPerArticle} tags`);
    expect(
      CreateArticleInputSchema.safeParse({ headline: 'x', body: [], tagSlugs: tagSlugs.slice(1) }).success,
    ).toBe(true);
  });

  it('refuses duplicate tag and author slugs', () => {
    const tags = CreateArticleInputSchema.safeParse({
      headline: 'x',
      body: [],
      tagSlugs: ['ukraine', 'ukraine'],
    });
    expect(messagesOf(tags)).toEqual(['tags must not repeat']);
    const authors = CreateArticleInputSchema.safeParse({
      headline: 'x',
      body: [],
      authorSlugs: ['ana', 'ana'],
    });
    expect(messagesOf(authors)).toEqual(['authors must not repeat']);
  });

  it('refuses a headline over the limit and a body over the block count', () => {
    const headline = CreateArticleInputSchema.safeParse({ headline: 'h'.repeat(201), body: [] });
    expect(messagesOf(headline)).toEqual(['headline must be at most 200 characters']);
    const body = Array.from({ length: limits.bodyBlocks + 1 }, () => paragraph('x'));
    expect(messagesOf(CreateArticleInputSchema.safeParse({ headline: 'x', body }))).toContain(
      `body must have at most ${limits.bodyBlocks} blocks`,
    );
  });

  it('trims the headline', () => {
    expect(CreateArticleInputSchema.parse({ headline: '  Markets fall \n', body: [] }).headline).toBe(
      'Markets fall',
    );
  });
});

describe('UpdateArticleInputSchema', () => {
  it('leaves out every field that was left out instead of filling in a default', () => {
    const update = UpdateArticleInputSchema.parse({ id, version: 3 });
    expect(update).toEqual({ id, version: 3, minor: false });
    for (const field of editableFields) expect(update).not.toHaveProperty(field);
  });

  it('keeps exactly the fields that were sent', () => {
    const update = UpdateArticleInputSchema.parse({
      id,
      version: 3,
      headline: 'New headline',
      standfirst: null,
    });
    expect(update).toEqual({ id, version: 3, minor: false, headline: 'New headline', standfirst: null });
  });

  it('requires the version the edit was based on', () => {
    const result = UpdateArticleInputSchema.safeParse({ id, headline: 'New headline' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['version']);
    expect(UpdateArticleInputSchema.safeParse({ id, version: 0 }).success).toBe(false);
    expect(UpdateArticleInputSchema.safeParse({ id, version: 1.5 }).success).toBe(false);
  });

  it('requires the id', () => {
    expect(UpdateArticleInputSchema.safeParse({ version: 1 }).success).toBe(false);
  });

  it('still validates the fields it is given', () => {
    expect(UpdateArticleInputSchema.safeParse({ id, version: 1, headline: '' }).success).toBe(false);
    expect(UpdateArticleInputSchema.safeParse({ id, version: 1, tagSlugs: ['a', 'a'] }).success).toBe(false);
    expect(UpdateArticleInputSchema.safeParse({ id, version: 1, slug: 'Not A Slug' }).success).toBe(false);
  });

  it('refuses unknown keys, such as a status change', () => {
    const result = UpdateArticleInputSchema.safeParse({ id, version: 1, status: 'published' });
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['status'] });
  });

  it('marks a minor edit only when asked', () => {
    expect(UpdateArticleInputSchema.parse({ id, version: 1, minor: true }).minor).toBe(true);
  });
});
