import type { Article, Block, Image, SourceCredit } from '@newsroom/domain';

/**
 * What the story editor edits: the fields of an article a person writes, as article.update
 * takes them. The desk compares, keeps in the browser and saves exactly this shape.
 */
export interface StoryFields {
  headline: string;
  standfirst: string | null;
  slug: string;
  sectionSlug: string | null;
  tagSlugs: string[];
  authorSlugs: string[];
  dateline: string | null;
  language: string;
  heroImage: Image | null;
  sources: SourceCredit[];
  seoTitle: string | null;
  seoDescription: string | null;
  body: Block[];
}

export const storyFieldNames = [
  'headline',
  'standfirst',
  'slug',
  'sectionSlug',
  'tagSlugs',
  'authorSlugs',
  'dateline',
  'language',
  'heroImage',
  'sources',
  'seoTitle',
  'seoDescription',
  'body',
] as const satisfies readonly (keyof StoryFields)[];
export type StoryFieldName = (typeof storyFieldNames)[number];

/** The words each field goes by on the desk: labels, conflict screen, messages. */
export const storyFieldWords: Record<StoryFieldName, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  slug: 'Address (slug)',
  sectionSlug: 'Section',
  tagSlugs: 'Tags',
  authorSlugs: 'Bylines',
  dateline: 'Dateline',
  language: 'Language',
  heroImage: 'Hero picture',
  sources: 'Sources and credits',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  body: 'Body',
};

export function storyFieldsOf(article: Article): StoryFields {
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    slug: article.slug,
    sectionSlug: article.section?.slug ?? null,
    tagSlugs: article.tags.map((t) => t.slug),
    authorSlugs: article.authors.map((a) => a.slug),
    dateline: article.dateline,
    language: article.language,
    heroImage: article.heroImage,
    sources: article.sources,
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    body: article.body,
  };
}

/** The fields whose values differ between two states, in the editor's order. */
export function changedFieldNames(a: StoryFields, b: StoryFields): StoryFieldName[] {
  return storyFieldNames.filter((name) => !sameValue(a[name], b[name]));
}

/** Only the fields of `next` that differ from `base`: what a save sends. */
export function changesFrom(base: StoryFields, next: StoryFields): Partial<StoryFields> {
  const changes: Partial<StoryFields> = {};
  for (const name of changedFieldNames(base, next)) Object.assign(changes, { [name]: next[name] });
  return changes;
}

/** Deep equality for JSON values: the fields are plain data. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
