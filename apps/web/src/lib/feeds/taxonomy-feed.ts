import { SlugSchema } from '@newsroom/domain';
import { api, webConfig } from '../api';
import { load } from '../load';
import { wholeArticles } from './archive';
import { failureResponse, feedResponse, notFound, permanentRedirect } from './responses';
import { feedLength, rssFeed } from './rss';
import { taxonomyUrl } from './urls';

export type FeedTaxonomy = 'section' | 'tag';

const pathOf = { section: 'sections', tag: 'tags' } as const;

/**
 * The RSS answer for /sections/<slug>/rss.xml and /tags/<slug>/rss.xml: the latest published
 * stories carrying it. An unknown slug is a 404, one that was renamed (or a tag merged into
 * another) a permanent redirect to the new feed, so subscriptions survive the editor's change.
 */
export async function taxonomyFeed(kind: FeedTaxonomy, param: string | undefined): Promise<Response> {
  const slug = SlugSchema.safeParse(param);
  if (!slug.success) return notFound(`no such ${kind}`);
  const { SITE_URL, SITE_NAME } = webConfig;
  const loaded = await load(async () => {
    const input = { slug: slug.data, limit: feedLength };
    const item = await (kind === 'section' ? api.section.bySlug.query(input) : api.tag.bySlug.query(input));
    return { item, articles: await wholeArticles(api, item.articles.items) };
  });
  if (!loaded.ok) {
    if (loaded.status !== 404) return failureResponse(loaded);
    const moved = await load(() => api.redirect.lookup.query({ kind, slug: slug.data }));
    if (moved.ok && moved.data.slug) return permanentRedirect(feedUrl(SITE_URL, kind, moved.data.slug));
    return moved.ok || moved.status === 404 ? notFound(`no such ${kind}`) : failureResponse(moved);
  }
  const { item, articles } = loaded.data;
  const page = taxonomyUrl(SITE_URL, pathOf[kind], item.slug);
  const body = rssFeed({
    channel: {
      title: `${item.name} | ${SITE_NAME}`,
      link: page,
      description: item.description ?? `The latest ${item.name} stories from ${SITE_NAME}.`,
      selfUrl: feedUrl(SITE_URL, kind, item.slug),
    },
    articles,
    siteUrl: SITE_URL,
    now: new Date(),
  });
  return feedResponse(body, 'application/rss+xml');
}

function feedUrl(siteUrl: string, kind: FeedTaxonomy, slug: string): string {
  return `${taxonomyUrl(siteUrl, pathOf[kind], slug)}/rss.xml`;
}
