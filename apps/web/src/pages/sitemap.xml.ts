import type { APIRoute } from 'astro';
import { api, webConfig } from '../lib/api';
import { monthParts, publishedMonths } from '../lib/feeds/archive';
import { monthPartName } from '../lib/feeds/months';
import { failureResponse, feedResponse } from '../lib/feeds/responses';
import { sitemapIndex } from '../lib/feeds/sitemap';
import { load } from '../lib/load';

/**
 * The sitemap index: the sections/tags/authors sitemap, then one article sitemap per month with
 * published stories (newest first), each with the latest change among its stories.
 */
export const GET: APIRoute = async () => {
  const { SITE_URL } = webConfig;
  const loaded = await load(async () => {
    const months = await publishedMonths(api);
    return (await Promise.all(months.map((month) => monthParts(api, month)))).flat();
  });
  if (!loaded.ok) return failureResponse(loaded);
  const parts = loaded.data;
  // The taxonomy pages change whenever a story in them does: the newest change anywhere.
  const latest = parts.map((p) => p.lastModified).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const body = sitemapIndex([
    { loc: `${SITE_URL}/sitemaps/taxonomy.xml`, lastmod: latest },
    ...parts.map((p) => ({
      loc: `${SITE_URL}/sitemaps/articles-${monthPartName(p)}.xml`,
      lastmod: p.lastModified,
    })),
  ]);
  return feedResponse(body, 'application/xml');
};
