import type { Store } from '../store.js';
import { generateArticles } from './generate-articles.js';
import { sampleStories } from './sample-stories.js';
import { sampleAuthors, sampleSections, sampleTags } from './sample-taxonomy.js';

export interface SeedOptions {
  /** How many generated articles to add to the three sample stories. */
  count?: number;
  seed?: number;
}

export interface SeedCounts {
  sections: number;
  tags: number;
  authors: number;
  articles: number;
}

/**
 * Fills a Store with sample content: sections, tags, authors, the three sample stories and
 * `count` generated articles, all published. Taxonomy upserts are idempotent; the articles go
 * in through one importMany call, so a failure leaves no half-seeded site.
 */
export async function seed(store: Store, options: SeedOptions = {}): Promise<SeedCounts> {
  const { count = 50, seed: seedNumber = 1 } = options;
  for (const section of sampleSections) await store.sections.upsert(section);
  for (const tag of sampleTags) await store.tags.upsert(tag);
  for (const author of sampleAuthors) await store.authors.upsert(author);
  const articles = await store.articles.importMany(
    (function* () {
      yield* sampleStories;
      yield* generateArticles({ count, seed: seedNumber });
    })(),
  );
  return {
    sections: sampleSections.length,
    tags: sampleTags.length,
    authors: sampleAuthors.length,
    articles,
  };
}

/**
 * Seeds a Store that has no articles yet, as the API and CLI do on first start. Returns the
 * counts, or null when there was content already (nothing is changed then).
 */
export async function seedIfEmpty(store: Store, options: SeedOptions = {}): Promise<SeedCounts | null> {
  if ((await store.articleCount()) > 0) return null;
  return seed(store, options);
}
