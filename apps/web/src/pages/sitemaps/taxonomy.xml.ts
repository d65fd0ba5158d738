import type { APIRoute } from 'astro';
import { api, webConfig } from '../../lib/api';
import { failureResponse, feedResponse } from '../../lib/feeds/responses';
import { maxUrlsPerSitemap, urlset } from '../../lib/feeds/sitemap';
import { type TaxonomyKind, taxonomyUrl } from '../../lib/feeds/urls';
import { load } from '../../lib/load';

/**
 * /sitemaps/taxonomy.xml: the pages of sections, authors and tags that have published stories
 * (an empty one is not worth a crawler's visit). No lastmod per page: knowing it would take a
 * call per item, and a guessed one misleads crawlers more than none.
 */
export const GET: APIRoute = async () => {
  const { SITE_URL } = webConfig;
  const loaded = await load(() =>
    Promise.all([api.section.list.query(), api.author.list.query(), api.tag.list.query()]),
  );
  if (!loaded.ok) return failureResponse(loaded);
  const [sections, authors, tags] = loaded.data;
  const pages = (kind: TaxonomyKind, items: { slug: string; articleCount: number }[]) =>
    items.filter((i) => i.articleCount > 0).map((i) => ({ loc: taxonomyUrl(SITE_URL, kind, i.slug) }));
  // Tags come last: if a site ever had more than 50,000 pages here, the rarest kind is cut.
  const entries = [...pages('sections', sections), ...pages('authors', authors), ...pages('tags', tags)];
  return feedResponse(urlset(entries.slice(0, maxUrlsPerSitemap)), 'application/xml');
};
