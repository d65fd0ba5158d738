import {
  type Article,
  type ArticleSummary,
  type AuthorRef,
  type Block,
  type Correction,
  type Image,
  readableTextOf,
  readingTimeMinutes,
  type SectionRef,
  type SourceCredit,
  type TagRef,
  wordCountOfText,
} from '@newsroom/domain';
import type { Selectable } from 'kysely';
import type { ArticlesTable } from './database.js';

/** The article columns every read selects, with the section's name joined in. */
export type ArticleRow = Selectable<ArticlesTable> & { section_name: string | null };
export type SummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'headline'
  | 'standfirst'
  | 'status'
  | 'published_at'
  | 'updated_at'
  | 'listed_at'
  | 'section_slug'
  | 'section_name'
  | 'hero_image'
  | 'reading_time_minutes'
>;

export interface ArticleRefs {
  authors: AuthorRef[];
  tags: TagRef[];
}

export function summaryOf(row: SummaryRow, refs: ArticleRefs): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    status: row.status,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    section: sectionRefOf(row),
    authors: refs.authors,
    tags: refs.tags,
    heroImage: jsonOf<Image | null>(row.hero_image, null),
    readingTimeMinutes: row.reading_time_minutes,
  };
}

export function articleOf(row: ArticleRow, refs: ArticleRefs): Article {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    body: jsonOf<Block[]>(row.body, []),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    scheduledFor: row.scheduled_for,
    version: row.version,
    section: sectionRefOf(row),
    authors: refs.authors,
    tags: refs.tags,
    heroImage: jsonOf<Image | null>(row.hero_image, null),
    dateline: row.dateline,
    sources: jsonOf<SourceCredit[]>(row.sources, []),
    corrections: jsonOf<Correction[]>(row.corrections, []),
    canonicalUrl: row.canonical_url,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    language: row.language,
    relatedSlugs: jsonOf<string[]>(row.related_slugs, []),
    commentPolicy: row.comment_policy,
    reviewRequestedAt: row.review_requested_at,
    wordCount: row.word_count,
    readingTimeMinutes: row.reading_time_minutes,
  };
}

export function sectionRefOf(row: Pick<ArticleRow, 'section_slug' | 'section_name'>): SectionRef | null {
  return row.section_slug !== null && row.section_name !== null
    ? { slug: row.section_slug, name: row.section_name }
    : null;
}

function jsonOf<T>(text: string | null, empty: T): T {
  return text === null ? empty : (JSON.parse(text) as T);
}

/**
 * The columns computed from the body (and hero image) on every write, so they can never
 * disagree with it: the figures come from the domain's own functions. (The word count is
 * wordCountOf spelled out, so each block's text is extracted once for both it and search.)
 */
export function derivedColumnsOf(body: readonly Block[], heroImage: Image | null) {
  const texts = body.map(readableTextOf);
  return {
    word_count: texts.reduce((sum, text) => sum + wordCountOfText(text), 0),
    reading_time_minutes: readingTimeMinutes(body, heroImage ? 1 : 0),
    body_text: texts.filter((text) => text.trim() !== '').join('\n'),
  };
}
