import { errorCodeOf, type NewsroomClient } from '@newsroom/api/client';
import { type Article, type ArticleSummary, limits } from '@newsroom/domain';
import { type Month, type MonthPart, monthOf, monthRange } from './months';
import { maxUrlsPerSitemap } from './sitemap';

/**
 * Reading the published archive through the API for feeds and sitemaps. Everything goes through
 * the typed client; calls made together are batched by it, so the parallel reads below cost a
 * few HTTP requests, not one each.
 */

/**
 * The months that have published stories, newest first. Asking for the newest story published
 * before the start of the last month found jumps straight over empty months, so this costs one
 * call per month with stories (plus one), however many stories there are, instead of a walk
 * over the whole archive to find the oldest.
 */
export async function publishedMonths(client: NewsroomClient): Promise<Month[]> {
  const months: Month[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await client.article.list.query({ limit: 1, ...(before ? { to: before } : {}) });
    const publishedAt = page.items[0]?.publishedAt;
    if (!publishedAt) return months;
    const month = monthOf(publishedAt);
    months.push(month);
    before = monthRange(month).from;
  }
}

/** Published stories in a time range, newest first, page by page along the cursor. */
export async function* publishedBetween(
  client: NewsroomClient,
  range: { from?: string; to?: string },
): AsyncGenerator<ArticleSummary> {
  let cursor: string | undefined;
  do {
    const page = await client.article.list.query({
      ...range,
      limit: limits.pageMax,
      ...(cursor ? { cursor } : {}),
    });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** One part of a month's sitemap file: its place and the latest change among its stories. */
export interface MonthPartSummary extends MonthPart {
  lastModified: string;
}

/**
 * The sitemap files a month needs (one per 50,000 stories) and when each last changed. This
 * reads the month's summaries once: the latest updatedAt can be anywhere in it (a correction to
 * an old story), and the count decides how many files there are.
 */
export async function monthParts(
  client: NewsroomClient,
  month: Month,
  perFile = maxUrlsPerSitemap,
): Promise<MonthPartSummary[]> {
  const parts: MonthPartSummary[] = [];
  let index = 0;
  for await (const article of publishedBetween(client, monthRange(month))) {
    const part = Math.floor(index / perFile) + 1;
    const current = parts[part - 1];
    if (!current) parts.push({ month, part, lastModified: article.updatedAt });
    else if (Date.parse(article.updatedAt) > Date.parse(current.lastModified)) {
      current.lastModified = article.updatedAt;
    }
    index += 1;
  }
  return parts;
}

/** The stories of one month part, in the order monthParts counted them. */
export async function monthPartArticles(
  client: NewsroomClient,
  { month, part }: MonthPart,
  perFile = maxUrlsPerSitemap,
) {
  const first = (part - 1) * perFile;
  const articles: ArticleSummary[] = [];
  let index = 0;
  for await (const article of publishedBetween(client, monthRange(month))) {
    if (index >= first + perFile) break;
    if (index >= first) articles.push(article);
    index += 1;
  }
  return articles;
}

/**
 * The whole articles behind summaries (feeds need bodies), in the same order. A story taken
 * down or renamed between the two calls is left out rather than failing the feed.
 */
export async function wholeArticles(
  client: NewsroomClient,
  summaries: readonly ArticleSummary[],
): Promise<Article[]> {
  const articles = await Promise.all(
    summaries.map((s) =>
      client.article.bySlug.query({ slug: s.slug }).catch((error: unknown) => {
        if (errorCodeOf(error) === 'NOT_FOUND') return null;
        throw error;
      }),
    ),
  );
  return articles.filter((a) => a !== null);
}

/** Up to `max` stories published at or after `since`, newest first: for the news sitemap. */
export async function publishedSince(client: NewsroomClient, since: Date, max: number) {
  const articles: ArticleSummary[] = [];
  for await (const article of publishedBetween(client, { from: since.toISOString() })) {
    if (articles.length >= max) break;
    articles.push(article);
  }
  return articles;
}
