import { readFile } from 'node:fs/promises';
import type { Store } from '@newsroom/db';
import type { Actor } from '@newsroom/domain';
import { parseScrapedText, resolveSeeAlso } from '@newsroom/ingest';
import { generateArticles } from './generate-articles.js';
import { sampleFileUrl, sampleStories } from './sample-stories.js';
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

/** Who the sample stories' revisions name. */
const seedActor: Actor = { tokenId: null, name: 'newsroom seed' };

/**
 * Fills a Store with sample content: sections, tags, authors, the three sample stories and
 * `count` generated articles, all published. Taxonomy upserts are idempotent. The sample
 * stories are imported from their copy (packages/sample/copy/) through @newsroom/ingest and
 * `store.imports`, the short ones first so the sample story's see-also lines resolve to them,
 * then given the seed's editorial data (a minor edit). Each is its own transaction; the
 * generated articles then go in through one importMany call, all or nothing.
 */
export async function seed(store: Store, options: SeedOptions = {}): Promise<SeedCounts> {
  const { count = 50, seed: seedNumber = 1 } = options;
  for (const section of sampleSections) await store.sections.upsert(section);
  for (const tag of sampleTags) await store.tags.upsert(tag);
  for (const author of sampleAuthors) await store.authors.upsert(author);
  const imported = await importSampleStories(store);
  const generated = await store.articles.importMany(generateArticles({ count, seed: seedNumber }));
  return {
    sections: sampleSections.length,
    tags: sampleTags.length,
    authors: sampleAuthors.length,
    articles: imported + generated,
  };
}

/** Returns how many sample stories were created (none when they were imported before). */
async function importSampleStories(store: Store): Promise<number> {
  const known = new Map<string, string>();
  const search = async (q: string, limit: number) => (await store.articles.search({ q, limit })).items;
  let created = 0;
  for (const story of sampleStories) {
    const text = await readFile(sampleFileUrl(story.file), 'utf8');
    const parsed = parseScrapedText(text, { origin: `@newsroom/sample/copy/${story.file}` });
    const draft = await resolveSeeAlso(parsed, { known, search });
    const result = await store.imports.importDraft(
      // The copy has no date: the seed says when it was published, and fixes the slug.
      { ...draft, slug: story.slug, publishedAt: story.publishedAt },
      { status: 'published', section: story.sectionSlug, now: new Date(story.createdAt), actor: seedActor },
    );
    known.set(result.article.headline, result.article.slug);
    if (result.action !== 'created') continue;
    created += 1;
    await store.articles.update(
      {
        id: result.article.id,
        version: result.article.version,
        standfirst: story.standfirst,
        dateline: story.dateline,
        authorSlugs: story.authorSlugs,
        tagSlugs: story.tagSlugs,
        relatedSlugs: story.relatedSlugs,
        minor: true,
      },
      { now: new Date(story.publishedAt), actor: seedActor },
    );
  }
  return created;
}

/**
 * Seeds a Store that has no articles yet, as the API and CLI do on first start. Returns the
 * counts, or null when there was content already (nothing is changed then).
 */
export async function seedIfEmpty(store: Store, options: SeedOptions = {}): Promise<SeedCounts | null> {
  if ((await store.articleCount()) > 0) return null;
  return seed(store, options);
}
