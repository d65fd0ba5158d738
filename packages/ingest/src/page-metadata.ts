/**
 * What a web page says about its story outside the text: JSON-LD first (schema.org NewsArticle,
 * Article, ReportageNewsArticle…), then Open Graph and Twitter tags, then plain HTML (`<meta
 * name="author">`, `<time datetime>`, `<link rel="canonical">`, `<html lang>`). Read before
 * Readability runs, since it takes the page apart.
 */

/** The part of the DOM this reads: linkedom's document, or any other. */
interface PageDocument {
  documentElement: { getAttribute(name: string): string | null } | null;
  querySelectorAll(selectors: string): Iterable<PageElement>;
  querySelector(selectors: string): PageElement | null;
}
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

export interface PageImage {
  src: string;
  caption: string | null;
  credit: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
}

export interface PageMetadata {
  headline: string | null;
  description: string | null;
  authors: string[];
  publishedAt: string | null;
  section: string | null;
  tags: string[];
  language: string | null;
  canonical: string | null;
  image: PageImage | null;
  /** When it was last changed (JSON-LD dateModified, article:modified_time): no draft field takes it. */
  modifiedAt: string | null;
  /** Who published it (JSON-LD publisher): the story's own credits say who supplied the copy. */
  publisher: string | null;
  /** Problems met on the way (a JSON-LD block that is not JSON), one line each. */
  warnings: string[];
}

/** schema.org types that are a news story. */
const articleTypes = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
  'AskPublicNewsArticle',
  'LiveBlogPosting',
  'BlogPosting',
  'Report',
]);

type JsonNode = Record<string, unknown>;

export function readPageMetadata(document: PageDocument, pageUrl: string | null): PageMetadata {
  const warnings: string[] = [];
  const ld = articleNode(document, warnings);
  const meta = (key: string) => metaContent(document, key);
  const canonicalHref = document.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  const canonical =
    absolute(canonicalHref, pageUrl) ??
    absolute(meta('og:url'), pageUrl) ??
    absolute(text(ld?.url) ?? idOf(ld?.mainEntityOfPage), pageUrl);
  const base = pageUrl ?? canonical;

  const ldAuthors = list(ld?.author)
    .map((author) => (typeof author === 'string' ? author : text((author as JsonNode)?.name)))
    .filter((name): name is string => !!name);
  const metaAuthor = meta('author');
  const authors = (ldAuthors.length > 0 ? ldAuthors : metaAuthor ? splitNames(metaAuthor) : []).map(
    withoutBy,
  );

  const ldKeywords = list(ld?.keywords).flatMap((keyword) =>
    typeof keyword === 'string' ? keyword.split(',') : [],
  );
  const tags = (ldKeywords.length > 0 ? ldKeywords : metaContents(document, 'article:tag'))
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);

  const time = document.querySelector('time[datetime]')?.getAttribute('datetime');
  return {
    headline: text(ld?.headline) ?? text(ld?.name) ?? meta('og:title') ?? meta('twitter:title'),
    description:
      text(ld?.description) ?? meta('og:description') ?? meta('twitter:description') ?? meta('description'),
    authors: [...new Set(authors)],
    publishedAt: isoDate(text(ld?.datePublished)) ?? isoDate(meta('article:published_time')) ?? isoDate(time),
    section: text(list(ld?.articleSection)[0]) ?? meta('article:section'),
    tags: [...new Set(tags)],
    language: document.documentElement?.getAttribute('lang')?.trim() || text(ld?.inLanguage) || null,
    canonical,
    image: imageOf(list(ld?.image)[0], base) ?? ogImage(document, base),
    modifiedAt: isoDate(text(ld?.dateModified)) ?? isoDate(meta('article:modified_time')),
    publisher: text((ld?.publisher as JsonNode | undefined)?.name),
    warnings,
  };
}

/** The first JSON-LD node that is a news story, looking through arrays and @graph. */
function articleNode(document: PageDocument, warnings: string[]): JsonNode | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      warnings.push('a JSON-LD block that is not valid JSON was skipped');
      continue;
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return null;
}

function findArticle(data: unknown, depth: number): JsonNode | null {
  if (depth > 5 || data === null || typeof data !== 'object') return null;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const node = data as JsonNode;
  if (list(node['@type']).some((type) => typeof type === 'string' && articleTypes.has(type))) return node;
  return findArticle(node['@graph'], depth + 1);
}

function metaContent(document: PageDocument, key: string): string | null {
  return metaContents(document, key)[0] ?? null;
}

/** Every `<meta property=key>` or `<meta name=key>` content, in page order. */
function metaContents(document: PageDocument, key: string): string[] {
  const values: string[] = [];
  for (const element of document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)) {
    const value = element.getAttribute('content')?.trim();
    if (value) values.push(value);
  }
  return values;
}

function ogImage(document: PageDocument, base: string | null): PageImage | null {
  const src = absolute(metaContent(document, 'og:image') ?? metaContent(document, 'twitter:image'), base);
  if (!src) return null;
  return {
    src,
    caption: null,
    credit: null,
    alt: metaContent(document, 'og:image:alt'),
    width: dimension(metaContent(document, 'og:image:width')),
    height: dimension(metaContent(document, 'og:image:height')),
  };
}

function imageOf(value: unknown, base: string | null): PageImage | null {
  if (typeof value === 'string') {
    const src = absolute(value, base);
    return src ? { src, caption: null, credit: null, alt: null, width: null, height: null } : null;
  }
  if (!value || typeof value !== 'object') return null;
  const node = value as JsonNode;
  const src = absolute(text(node.url) ?? text(node.contentUrl), base);
  if (!src) return null;
  return {
    src,
    caption: text(node.caption),
    credit: text(node.creditText) ?? text((node.copyrightHolder as JsonNode | undefined)?.name),
    alt: null,
    width: dimension(node.width),
    height: dimension(node.height),
  };
}

/** Names in one string: "Ana Ruiz and Ben Okafor", "Ana Ruiz, Ben Okafor", "Ana y Ben", "Anna und Tom". */
function splitNames(value: string): string[] {
  return value
    .split(/\s*(?:,|;|&|\s(?:and|y|e|et|und|u\.)\s)\s*/u)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

function withoutBy(name: string): string {
  return name.replace(/^(?:by|por|par|von|di|door)\s+/i, '').trim();
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length > 0 ? trimmed : null;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return text((value as JsonNode | undefined)?.['@id']);
}

function absolute(value: string | null | undefined, base: string | null): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function isoDate(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function dimension(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isInteger(n) && n > 0 ? n : null;
}
