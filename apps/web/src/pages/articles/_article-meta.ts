import { type Article, excerptOf } from '@newsroom/domain';
import { absoluteUrl } from '../../lib/meta';
import { authorPath, sectionPath } from '../../lib/paths';

export interface SiteIdentity {
  siteUrl: string;
  siteName: string;
}

/** schema.org NewsArticle for search engines: what Google's article rich results read. */
export function newsArticleJsonLd(article: Article, url: string, site: SiteIdentity) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description: article.seoDescription ?? excerptOf(article),
    ...(article.heroImage ? { image: [absoluteUrl(article.heroImage.src, site.siteUrl)] } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    dateModified: article.updatedAt,
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    inLanguage: article.language,
    author: article.authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      url: absoluteUrl(authorPath(author.slug), site.siteUrl),
    })),
    publisher: {
      '@type': 'Organization',
      name: site.siteName,
      url: `${site.siteUrl}/`,
      logo: { '@type': 'ImageObject', url: `${site.siteUrl}/logo.png`, width: 600, height: 60 },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
  };
}

export interface Crumb {
  name: string;
  /** A path on the site; the last crumb (the page itself) may have none. */
  path: string;
}

/** Home › Section › Article, as the visible trail shows it. */
export function breadcrumbsOf(article: Article, path: string): Crumb[] {
  return [
    { name: 'Home', path: '/' },
    ...(article.section ? [{ name: article.section.name, path: sectionPath(article.section.slug) }] : []),
    { name: article.headline, path },
  ];
}

export function breadcrumbJsonLd(crumbs: Crumb[], siteUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path, siteUrl),
    })),
  };
}

export interface ShareLink {
  name: string;
  href: string;
}

/** Plain links to each network's share page: no third-party script, nothing loaded until clicked. */
export function shareLinks(url: string, title: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { name: 'X', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    { name: 'Email', href: `mailto:?subject=${t}&body=${u}` },
  ];
}
