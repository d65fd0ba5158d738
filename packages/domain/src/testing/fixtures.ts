import type { Article } from '../article.js';
import type { BlockOf } from '../blocks.js';

/** A small deterministic PRNG (mulberry32), so property checks fail the same way every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** `n` plain English words, "word1 word2 …". */
export function words(n: number): string {
  return Array.from({ length: n }, (_, i) => `word${i + 1}`).join(' ');
}

export function paragraph(text: string): BlockOf<'paragraph'> {
  return { type: 'paragraph', text };
}

export function image(caption: string | null = null): BlockOf<'image'> {
  return {
    type: 'image',
    src: '/media/photo.jpg',
    alt: 'A photo',
    caption,
    credit: null,
    width: 1200,
    height: 800,
  };
}

let nextId = 1;
/** A valid published article; override what the test is about. */
export function article(overrides: Partial<Article> = {}): Article {
  const n = nextId++;
  return {
    id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    slug: `story-${n}`,
    headline: `Story ${n}`,
    standfirst: null,
    body: [paragraph('Some words.')],
    status: 'published',
    createdAt: '2025-03-01T09:00:00Z',
    updatedAt: '2025-03-01T09:00:00Z',
    publishedAt: '2025-03-01T09:00:00Z',
    scheduledFor: null,
    version: 1,
    section: null,
    authors: [],
    tags: [],
    heroImage: null,
    dateline: null,
    sources: [],
    corrections: [],
    canonicalUrl: null,
    seoTitle: null,
    seoDescription: null,
    language: 'en',
    relatedSlugs: [],
    commentPolicy: 'moderated',
    reviewRequestedAt: null,
    wordCount: 2,
    readingTimeMinutes: 1,
    ...overrides,
  };
}

export function tag(slug: string) {
  return { slug, name: slug, type: 'topic' as const };
}

export function section(slug: string) {
  return { slug, name: slug };
}
