/** Addresses for feeds and sitemaps: always absolute, since feed readers and crawlers have no page to resolve against. */

/** `siteUrl` has no trailing slash (config.mjs strips it). */
export function articleUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/articles/${encodeURIComponent(slug)}`;
}

export type TaxonomyKind = 'sections' | 'tags' | 'authors';

export function taxonomyUrl(siteUrl: string, kind: TaxonomyKind, slug: string): string {
  return `${siteUrl}/${kind}/${encodeURIComponent(slug)}`;
}

/**
 * A site path ("/media/1.svg") on the site's address; http(s) and mailto: URLs as they are.
 * Content reaches here already checked (MediaUrlSchema, isSafeHref), so only those three forms come.
 */
export function absoluteUrl(siteUrl: string, href: string): string {
  return href.startsWith('/') ? `${siteUrl}${href}` : href;
}
