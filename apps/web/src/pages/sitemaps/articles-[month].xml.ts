import type { APIRoute } from 'astro';
import { api, webConfig } from '../../lib/api';
import { monthPartArticles } from '../../lib/feeds/archive';
import { parseMonthPart } from '../../lib/feeds/months';
import { failureResponse, feedResponse, notFound } from '../../lib/feeds/responses';
import { urlset } from '../../lib/feeds/sitemap';
import { articleUrl } from '../../lib/feeds/urls';
import { load } from '../../lib/load';

/**
 * /sitemaps/articles-2025-07.xml: the stories published that month (UTC), each with the time
 * it last changed; /sitemaps/articles-2025-07-2.xml and on for a month over 50,000 stories.
 */
export const GET: APIRoute = async ({ params }) => {
  const part = parseMonthPart(params.month ?? '');
  if (!part) return notFound('no such sitemap');
  const loaded = await load(() => monthPartArticles(api, part));
  if (!loaded.ok) return failureResponse(loaded);
  if (loaded.data.length === 0) return notFound('no such sitemap');
  const { SITE_URL } = webConfig;
  const body = urlset(loaded.data.map((a) => ({ loc: articleUrl(SITE_URL, a.slug), lastmod: a.updatedAt })));
  return feedResponse(body, 'application/xml');
};
