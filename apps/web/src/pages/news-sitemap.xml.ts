import type { APIRoute } from 'astro';
import { api, webConfig } from '../lib/api';
import { publishedSince } from '../lib/feeds/archive';
import { failureResponse, feedResponse } from '../lib/feeds/responses';
import { siteLanguage } from '../lib/feeds/rss';
import { maxNewsUrls, newsSitemap } from '../lib/feeds/sitemap';
import { articleUrl } from '../lib/feeds/urls';
import { load } from '../lib/load';

/** Google News wants only stories from the last two days in a news sitemap. */
const newsWindowMs = 48 * 60 * 60 * 1000;

/** Google's news sitemap: the stories published in the last 48 hours, newest first. */
export const GET: APIRoute = async () => {
  const { SITE_URL, SITE_NAME } = webConfig;
  const since = new Date(Date.now() - newsWindowMs);
  const loaded = await load(() => publishedSince(api, since, maxNewsUrls));
  if (!loaded.ok) return failureResponse(loaded);
  const body = newsSitemap(
    loaded.data.map((a) => ({
      loc: articleUrl(SITE_URL, a.slug),
      title: a.headline,
      publishedAt: a.publishedAt ?? a.updatedAt,
    })),
    { name: SITE_NAME, language: siteLanguage },
  );
  return feedResponse(body, 'application/xml');
};
