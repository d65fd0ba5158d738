import { type Article, type ArticleSummary, rankRelated } from '@newsroom/domain';
import type { Kysely } from 'kysely';
import { publishedSummaries } from './article-queries.js';
import type { Database } from './database.js';
import { lookupRedirect } from './redirect-repository.js';

/** The most related stories one call returns. */
export const maxRelated = 20;
/**
 * Candidates for automatic related stories are read in four bounded queries: among the
 * published articles that share the section, and among those that share a tag, this many
 * published just before the article and this many just after it. relatednessScore favours
 * stories close in time, so an old article gets the stories of its own time, not today's.
 */
export const relatedCandidatesPerSide = 100;

/**
 * Published stories related to `article` (which must be published): the editor's picks in
 * their order, then the best-scoring candidates by the domain's relatednessScore.
 */
export async function relatedArticles(
  db: Kysely<Database>,
  article: Article,
  limit: number,
): Promise<ArticleSummary[]> {
  const wanted = Math.max(0, Math.min(maxRelated, Math.trunc(limit) || 0));
  if (wanted === 0) return [];
  const picks = (await pickedStories(db, article)).slice(0, wanted);
  if (picks.length === wanted) return picks;

  const excluded = new Set([article.id, ...picks.map((p) => p.id)]);
  const ids = (await candidateIds(db, article)).filter((id) => !excluded.has(id));
  const candidates = [...(await publishedSummaries(db, { ids })).values()];
  return [...picks, ...rankRelated(article, candidates, wanted - picks.length)];
}

/** The editor's picks that are published now, in order; a renamed pick is followed to its new slug. */
async function pickedStories(db: Kysely<Database>, article: Article): Promise<ArticleSummary[]> {
  if (article.relatedSlugs.length === 0) return [];
  const slugs = [...article.relatedSlugs];
  const live = await db.selectFrom('articles').select('slug').where('slug', 'in', slugs).execute();
  const liveSlugs = new Set(live.map((row) => row.slug));
  for (const [i, slug] of slugs.entries()) {
    if (!liveSlugs.has(slug)) slugs[i] = (await lookupRedirect(db, 'article', slug)) ?? slug;
  }
  const found = [...(await publishedSummaries(db, { slugs })).values()];
  const bySlug = new Map(found.map((summary) => [summary.slug, summary]));
  const seen = new Set<string>([article.id]);
  const picks: ArticleSummary[] = [];
  for (const slug of slugs) {
    const summary = bySlug.get(slug);
    if (summary && !seen.has(summary.id)) {
      seen.add(summary.id);
      picks.push(summary);
    }
  }
  return picks;
}

async function candidateIds(db: Kysely<Database>, article: Article): Promise<string[]> {
  const at = article.publishedAt ?? article.createdAt;
  const tagSlugs = article.tags.map((t) => t.slug);
  const published = db
    .selectFrom('articles')
    .select('articles.id')
    .where('articles.status', '=', 'published')
    .where('articles.id', '!=', article.id);
  const sameSection = article.section
    ? published.where('articles.section_slug', '=', article.section.slug)
    : null;
  const sharingTag =
    tagSlugs.length > 0
      ? published.where('articles.id', 'in', (eb) =>
          eb.selectFrom('article_tags').select('article_tags.article_id').where('tag_slug', 'in', tagSlugs),
        )
      : null;
  const ids = new Set<string>();
  for (const base of [sameSection, sharingTag]) {
    if (!base) continue;
    const before = await base
      .where('articles.listed_at', '<=', at)
      .orderBy('articles.listed_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(relatedCandidatesPerSide)
      .execute();
    const after = await base
      .where('articles.listed_at', '>', at)
      .orderBy('articles.listed_at', 'asc')
      .orderBy('articles.id', 'asc')
      .limit(relatedCandidatesPerSide)
      .execute();
    for (const row of [...before, ...after]) ids.add(row.id);
  }
  return [...ids];
}
