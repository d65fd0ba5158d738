import type { APIRoute } from 'astro';
import { api, webConfig } from '../lib/api';
import { wholeArticles } from '../lib/feeds/archive';
import { failureResponse, feedResponse } from '../lib/feeds/responses';
import { feedLength, rssFeed } from '../lib/feeds/rss';
import { load } from '../lib/load';

/** RSS 2.0: the site's latest published stories, whole. */
export const GET: APIRoute = async () => {
  const { SITE_URL, SITE_NAME } = webConfig;
  const loaded = await load(async () =>
    wholeArticles(api, (await api.article.list.query({ limit: feedLength })).items),
  );
  if (!loaded.ok) return failureResponse(loaded);
  const body = rssFeed({
    channel: {
      title: SITE_NAME,
      link: SITE_URL,
      description: `The latest stories from ${SITE_NAME}.`,
      selfUrl: `${SITE_URL}/rss.xml`,
    },
    articles: loaded.data,
    siteUrl: SITE_URL,
    now: new Date(),
  });
  return feedResponse(body, 'application/rss+xml');
};
