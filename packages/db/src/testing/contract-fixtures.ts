import type { Article, Block, CreateArticleInput } from '@newsroom/domain';
import { CreateArticleInputSchema } from '@newsroom/domain';
import type { ImportArticleInput } from '../finished-article-input.js';
import type { Store } from '../store.js';

/* Fixtures shared by the parts of the Store contract. */

/** Minutes after a fixed instant, so tests never depend on the clock. */
export function at(minutes: number): Date {
  return new Date(Date.UTC(2025, 0, 15, 9, 0) + minutes * 60_000);
}

export function day2025(day: number): Date {
  return new Date(Date.UTC(2025, 2, day, 12, 0));
}

export async function givenTaxonomy(store: Store) {
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
  await store.sections.upsert({ slug: 'culture', name: 'Culture', description: null, order: 1 });
  await store.tags.upsert({ slug: 'climate', name: 'Climate', description: null, type: 'topic' });
  await store.tags.upsert({ slug: 'lisbon', name: 'Lisbon', description: null, type: 'place' });
  await store.authors.upsert({ slug: 'al', name: 'Al Writer', bio: null, avatar: null });
  await store.authors.upsert({ slug: 'bea', name: 'Bea Reporter', bio: null, avatar: null });
}

export const everyBlock: Block[] = [
  { type: 'paragraph', text: 'Opening with **strong**, *emphasis* and [a link](https://example.org/a).' },
  { type: 'heading', level: 2, text: 'A section' },
  { type: 'heading', level: 3, text: 'A subsection' },
  { type: 'quote', text: 'Words worth quoting.', attribution: 'A Person, a role' },
  { type: 'quote', text: 'Unattributed.', attribution: null },
  {
    type: 'image',
    src: 'https://example.org/photo.jpg',
    alt: 'A harbour at dawn',
    caption: 'The harbour, early.',
    credit: 'Photo: Someone',
    width: 1600,
    height: 900,
  },
  { type: 'list', style: 'bulleted', items: ['One', 'Two **bold**'] },
  { type: 'list', style: 'numbered', items: ['First', 'Second', 'Third'] },
  { type: 'see-also', slug: 'another-story', headline: 'Another story' },
  { type: 'see-also', slug: null, headline: 'A story we do not have' },
  { type: 'paragraph', text: 'Ünïcödé, 日本語のテキスト, and “curly quotes”.' },
];

export const everyField = {
  headline: 'Everything at once',
  standfirst: 'A standfirst.',
  body: everyBlock,
  heroImage: {
    src: '/media/hero.jpg',
    alt: 'Hero',
    caption: null,
    credit: 'Credit',
    width: 1200,
    height: 800,
  },
  dateline: 'LISBON',
  sources: [{ name: 'AP', type: 'wire' as const, url: null }],
  canonicalUrl: 'https://example.org/original',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  language: 'pt-BR',
  sectionSlug: 'world',
  authorSlugs: ['bea', 'al'],
  tagSlugs: ['climate', 'lisbon'],
};

export function draftInput(overrides: Partial<CreateArticleInput> = {}) {
  return CreateArticleInputSchema.parse({
    headline: 'A headline',
    body: [{ type: 'paragraph', text: 'Some words.' }],
    ...overrides,
  });
}

export function importInput(overrides: Partial<ImportArticleInput>): ImportArticleInput {
  return {
    headline: 'Imported',
    body: [{ type: 'paragraph', text: 'Imported words.' }],
    tagSlugs: ['climate'],
    status: 'published',
    createdAt: at(0).toISOString(),
    publishedAt: at(1).toISOString(),
    ...overrides,
  };
}

/** Creates a draft an hour before `when` and publishes it at `when`. */
export async function publish(store: Store, input: CreateArticleInput, when: Date): Promise<Article> {
  const draft = await store.articles.create(input, { now: new Date(when.getTime() - 3_600_000) });
  return store.articles.setStatus(draft.id, draft.version, 'published', { now: when });
}

export async function slugsOf(page: Promise<{ items: { slug: string }[] }>): Promise<string[]> {
  return (await page).items.map((a) => a.slug);
}

/** A paragraph body, for articles whose words a test searches. */
export function textBody(...paragraphs: string[]): Block[] {
  return paragraphs.map((text) => ({ type: 'paragraph' as const, text }));
}

/** Every item of a keyset-paginated list, page by page; fails on a list that does not end. */
export async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  maxPages = 50,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    pages += 1;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (pages > maxPages) throw new Error(`more than ${maxPages} pages: the cursor does not advance`);
  } while (cursor);
  return { items, pages };
}

export const unknownId = '00000000-0000-4000-8000-000000000000';
