import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';

/** A seeded SQLite file for one stress test, and what its writers need to know about it. */
export interface NewsroomDatabase {
  databaseUrl: string;
  /** The file itself, for direct checks (integrity, row counts) once no API has it open. */
  path: string;
  editorToken: string;
  /** A published article whose comments appear at once: the target of comment writers. */
  openArticleId: string;
  /** Slugs of published articles, for readers. */
  publishedSlugs: string[];
  authorSlug: string;
  sectionSlug: string;
  tagSlugs: string[];
  remove(): void;
}

/** Seeds `articles` published articles into a new temporary file, with an editor token. */
export async function newsroomDatabase(articles: number): Promise<NewsroomDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-stress-'));
  const path = join(dir, 'newsroom.db');
  const databaseUrl = `file:${path}`;
  const store = await openStore(databaseUrl);
  try {
    await seedIfEmpty(store, { count: articles, seed: 7 });
    const editorToken = (await store.tokens.create({ name: 'Stress desk', role: 'editor' })).token;
    const [author] = await store.authors.list();
    const [section] = await store.sections.list();
    const tagSlugs = (await store.tags.list()).map((tag) => tag.slug).slice(0, 6);
    if (!author || !section || tagSlugs.length < 3) throw new Error('the seed made too little taxonomy');
    const draft = await store.articles.create({
      headline: 'Readers discuss the stress test',
      body: [{ type: 'paragraph', text: 'Comments on this story appear at once.' }],
      sectionSlug: section.slug,
      authorSlugs: [author.slug],
      commentPolicy: 'open',
    });
    const open = await store.articles.setStatus(draft.id, draft.version, 'published');
    const page = await store.articles.list({ limit: 100, status: 'published' });
    return {
      databaseUrl,
      path,
      editorToken,
      openArticleId: open.id,
      publishedSlugs: page.items.map((item) => item.slug),
      authorSlug: author.slug,
      sectionSlug: section.slug,
      tagSlugs,
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } finally {
    await store.close();
  }
}
