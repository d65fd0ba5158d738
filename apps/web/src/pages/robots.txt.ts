import type { APIRoute } from 'astro';
import { webConfig } from '../lib/api';
import { feedResponse } from '../lib/feeds/responses';

/** Every crawler may read everything; the sitemaps say where the stories are. */
export const GET: APIRoute = () => {
  const { SITE_URL } = webConfig;
  const body = [
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${SITE_URL}/sitemap.xml`,
    `Sitemap: ${SITE_URL}/news-sitemap.xml`,
    '',
  ].join('\n');
  return feedResponse(body, 'text/plain');
};
