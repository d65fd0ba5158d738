import type { ArticleDraft } from '@newsroom/domain';
import { type Block, type Image, inlineToPlainText } from '@newsroom/domain';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { contentHashOf } from './content-hash.js';
import { blankDraft, defaultImageSize, fitToLimits } from './draft-limits.js';
import { blocksFromHtml, plainTextFromHtml } from './html.js';
import { IngestError } from './ingest-error.js';
import { escapeInline, safeHref } from './inline.js';

/** Items read from one feed; the rest are left off with a warning on the first draft. */
export const maxFeedItems = 10_000;

/** Elements whose raw inner text is kept, so HTML, CDATA and XHTML in them are read as such. */
const contentElements = ['description', 'content:encoded', 'content', 'summary'];
const repeatedElements = new Set([
  'item',
  'entry',
  'category',
  'author',
  'dc:creator',
  'link',
  'enclosure',
  'media:content',
  'media:thumbnail',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#8217;) are decoded only with this option.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: contentElements.map((name) => `*.${name}`),
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && repeatedElements.has(name),
});

type XmlNode = { [key: string]: unknown };

/**
 * One draft per RSS 2.0 item or Atom entry, in feed order (see the README for the mapping).
 * Broken XML, or XML that is no RSS 2.0 or Atom feed, is an IngestError; a feed with no items is
 * an empty list. One item's problems never fail the feed: its draft carries warnings, or, when it
 * has neither a title nor any text, it is skipped and the first draft of the list says so.
 */
export function parseFeed(xml: string, options: { origin: string }): ArticleDraft[] {
  const { origin } = options;
  const source = xml.replace(/^\uFEFF/, '');
  const validation = XMLValidator.validate(source);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    throw new IngestError(`${origin}: broken XML at line ${line}, column ${col}: ${msg}`);
  }
  let document: XmlNode;
  try {
    document = parser.parse(source) as XmlNode;
  } catch (error) {
    throw new IngestError(`${origin}: broken XML: ${(error as Error).message.split('\n')[0]}`);
  }

  const root = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  let entries: { node: XmlNode; read: (node: XmlNode, itemOrigin: string) => ArticleDraft }[];
  if (root === 'rss') {
    const channel = asNode(asNode(document.rss)?.channel);
    if (!channel) throw new IngestError(`${origin}: an RSS feed without a <channel>`);
    const context = rssContext(channel);
    entries = list(channel.item).map((node) => ({ node, read: (n, o) => rssItem(n, o, context) }));
  } else if (root === 'feed') {
    const feed = asNode(document.feed) ?? {};
    const context = atomContext(feed);
    entries = list(feed.entry).map((node) => ({ node, read: (n, o) => atomEntry(n, o, context) }));
  } else if (root === 'rdf:RDF') {
    throw new IngestError(`${origin}: an RSS 1.0 (RDF) feed; only RSS 2.0 and Atom are read`);
  } else {
    throw new IngestError(`${origin}: not an RSS 2.0 or Atom feed (the root element is <${root ?? 'none'}>)`);
  }

  const feedWarnings: string[] = [];
  if (entries.length > maxFeedItems) {
    feedWarnings.push(`the feed has ${entries.length} items: only the first ${maxFeedItems} read`);
    entries = entries.slice(0, maxFeedItems);
  }
  const drafts: ArticleDraft[] = [];
  for (const [index, { node, read }] of entries.entries()) {
    const itemOrigin = `${origin} (item ${index + 1})`;
    try {
      drafts.push(read(node, itemOrigin));
    } catch (error) {
      const reason =
        error instanceof SkippedItem ? error.message : `unreadable (${(error as Error).message})`;
      feedWarnings.push(`item ${index + 1} skipped: ${reason}`);
    }
  }
  if (drafts.length === 0 && entries.length > 0) {
    throw new IngestError(
      `${origin}: none of the feed's ${entries.length} items could be read (${feedWarnings[0]})`,
    );
  }
  if (drafts[0] && feedWarnings.length > 0) drafts[0].warnings.unshift(...feedWarnings);
  return drafts;
}

class SkippedItem extends Error {}

interface FeedContext {
  language: string | null;
  baseUrl: string | null;
  authors: string[];
}

function rssContext(channel: XmlNode): FeedContext {
  return { language: text(channel.language), baseUrl: httpUrl(text(channel.link)), authors: [] };
}

function atomContext(feed: XmlNode): FeedContext {
  return {
    language: attribute(feed, 'xml:lang'),
    baseUrl: httpUrl(atomLink(feed, 'alternate')),
    authors: atomAuthors(feed),
  };
}

function rssItem(item: XmlNode, origin: string, feed: FeedContext): ArticleDraft {
  const link = httpUrl(text(item.link));
  const contentHtml = rawContent(item['content:encoded']);
  const descriptionHtml = rawContent(item.description);
  const bodyHtml = contentHtml ?? descriptionHtml;
  const title = plainTextFromHtml(text(item.title) ?? '');
  const draft = blankDraft(origin, contentHashOf(`${title}\n${bodyHtml ?? ''}`));

  draft.sourceId = text(item.guid)?.trim() || link;
  draft.canonicalUrl = link;
  draft.language = feed.language;
  draft.publishedAt = isoDate(text(item.pubDate) ?? text(item['dc:date']), draft.warnings);
  draft.authors = [
    ...list(item['dc:creator']).map((creator) => text(creator)?.trim() ?? ''),
    ...list(item.author).flatMap((author) => rssAuthorName(text(author), draft.warnings)),
  ].filter(Boolean);
  draft.tags = list(item.category)
    .map((category) => text(category)?.trim() ?? '')
    .filter(Boolean)
    .map((name) => ({ name }));
  draft.body = htmlBody(bodyHtml, link ?? feed.baseUrl, draft.warnings);
  if (contentHtml && descriptionHtml) draft.standfirst = standfirstOf(descriptionHtml, draft.body);
  draft.heroImage = heroImageOf(item, link ?? feed.baseUrl, draft.warnings);
  draft.headline = headlineOf(title, draft);
  return fitToLimits(draft);
}

function atomEntry(entry: XmlNode, origin: string, feed: FeedContext): ArticleDraft {
  const link = httpUrl(atomLink(entry, 'alternate'));
  const content = atomContent(entry.content);
  const summary = atomContent(entry.summary);
  const title = atomText(entry.title);
  const draft = blankDraft(origin, contentHashOf(`${title}\n${content?.raw ?? summary?.raw ?? ''}`));

  draft.sourceId = text(entry.id)?.trim() || link;
  draft.canonicalUrl = link;
  draft.language = attribute(entry, 'xml:lang') ?? feed.language;
  draft.publishedAt = isoDate(text(entry.published) ?? text(entry.updated), draft.warnings);
  const authors = atomAuthors(entry);
  draft.authors = authors.length > 0 ? authors : feed.authors;
  draft.tags = list(entry.category)
    .map((category) => (attribute(category, 'label') ?? attribute(category, 'term') ?? '').trim())
    .filter(Boolean)
    .map((name) => ({ name }));
  const base = link ?? feed.baseUrl;
  const main = content ?? summary;
  if (main && main.kind === 'unsupported') draft.warnings.push(`content of type "${main.type}" not read`);
  draft.body =
    main?.kind === 'text'
      ? textBody(main.text)
      : htmlBody(main?.kind === 'html' ? main.html : null, base, draft.warnings);
  if (content && summary) {
    draft.standfirst = standfirstOf(
      summary.kind === 'text' ? escapeHtml(summary.text) : summary.kind === 'html' ? summary.html : '',
      draft.body,
    );
  }
  draft.heroImage = heroImageOf(entry, base, draft.warnings);
  draft.headline = headlineOf(title, draft);
  return fitToLimits(draft);
}

/** The title, or (with a warning) the start of the text when the item has none. */
function headlineOf(title: string, draft: ArticleDraft): string {
  if (title) return title;
  const first = draft.body.find((block) => block.type === 'paragraph' || block.type === 'heading');
  if (!first) throw new SkippedItem('no title and no text');
  const words = inlineToPlainText(first.text);
  const sentence = /^.*?[.!?](?=\s|$)/u.exec(words)?.[0] ?? words;
  draft.warnings.push('no title: the headline was taken from the first sentence');
  return sentence;
}

function htmlBody(html: string | null, baseUrl: string | null, warnings: string[]): Block[] {
  if (!html?.trim()) return [];
  const { blocks, warnings: notes } = blocksFromHtml(html, { baseUrl });
  warnings.push(...notes);
  return blocks;
}

function textBody(content: string): Block[] {
  return content
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => ({ type: 'paragraph', text: escapeInline(paragraph) }));
}

/** A summary as the standfirst, unless it is only the start of the body again (a teaser). */
function standfirstOf(html: string, body: Block[]): string | null {
  const summary = plainTextFromHtml(html);
  if (!summary) return null;
  const firstText = body.find((block) => block.type === 'paragraph');
  const opening = firstText?.type === 'paragraph' ? inlineToPlainText(firstText.text).slice(0, 50) : null;
  return opening && summary.startsWith(opening) ? null : summary;
}

function heroImageOf(item: XmlNode, baseUrl: string | null, warnings: string[]): Image | null {
  const group = asNode(item['media:group']);
  const candidates: [XmlNode, 'content' | 'thumbnail'][] = [
    ...list(item['media:content']),
    ...(group ? list(group['media:content']) : []),
    ...list(item.enclosure),
    ...list(item.link).filter((link) => attribute(link, 'rel') === 'enclosure'),
  ].map((node): [XmlNode, 'content'] => [node, 'content']);
  for (const node of [...list(item['media:thumbnail']), ...(group ? list(group['media:thumbnail']) : [])]) {
    candidates.push([node, 'thumbnail']);
  }
  for (const [candidate, kind] of candidates) {
    const type = attribute(candidate, 'type');
    const medium = attribute(candidate, 'medium');
    const url = attribute(candidate, 'url') ?? attribute(candidate, 'href');
    if (!url) continue;
    const isImage =
      type !== null || medium !== null
        ? (type ?? '').startsWith('image/') || medium === 'image'
        : kind === 'thumbnail' || /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
    if (!isImage) continue;
    const src = safeHref(url, baseUrl);
    if (!src || !/^https?:/i.test(src)) continue;
    const width = Number.parseInt(attribute(candidate, 'width') ?? '', 10);
    const height = Number.parseInt(attribute(candidate, 'height') ?? '', 10);
    const sized = width > 0 && height > 0;
    if (!sized)
      warnings.push(
        `hero image ${src}: size unknown, set to ${defaultImageSize.width}×${defaultImageSize.height}`,
      );
    return {
      src,
      alt: plainTextFromHtml(text(candidate['media:title']) ?? ''),
      caption:
        plainTextFromHtml(
          rawContent(candidate['media:description']) ?? text(candidate['media:description']) ?? '',
        ) || null,
      credit: text(candidate['media:credit'])?.trim() || null,
      width: sized ? width : defaultImageSize.width,
      height: sized ? height : defaultImageSize.height,
    };
  }
  return null;
}

/** RSS <author> is an e-mail address, often with the name in brackets: "desk@example.org (Jane Doe)". */
function rssAuthorName(value: string | null, warnings: string[]): string[] {
  const author = value?.trim() ?? '';
  if (!author) return [];
  const named = /\(([^)]+)\)\s*$/.exec(author)?.[1]?.trim();
  if (named) return [named];
  if (/^\S+@\S+$/.test(author)) {
    warnings.push(`author "${author}" is only an e-mail address: left out`);
    return [];
  }
  return [author];
}

function atomAuthors(node: XmlNode): string[] {
  return list(node.author)
    .map((author) => text(author.name)?.trim() ?? '')
    .filter(Boolean);
}

function atomLink(node: XmlNode, rel: string): string | null {
  const links = list(node.link);
  const found = links.find((link) => (attribute(link, 'rel') ?? 'alternate') === rel);
  return found ? attribute(found, 'href') : null;
}

function atomText(value: unknown): string {
  const node = asNode(value);
  const type = node ? attribute(node, 'type') : null;
  const raw = text(value) ?? (node ? deepText(node) : '');
  return type === 'html' || type === 'xhtml' ? plainTextFromHtml(raw) : raw.replace(/\s+/g, ' ').trim();
}

type AtomContent =
  | { kind: 'html'; html: string; raw: string }
  | { kind: 'text'; text: string; raw: string }
  | { kind: 'unsupported'; type: string; raw: string };

function atomContent(value: unknown): AtomContent | null {
  if (value === undefined || value === null) return null;
  const node = asNode(value);
  const type = (node ? attribute(node, 'type') : null) ?? 'text';
  const raw = typeof value === 'string' ? value : (text(value) ?? '');
  if (type === 'xhtml') return { kind: 'html', html: raw, raw };
  if (type === 'html' || type === 'text/html') return { kind: 'html', html: decodeXml(raw), raw };
  if (type === 'text' || type === 'text/plain') return { kind: 'text', text: decodeXml(raw), raw };
  return { kind: 'unsupported', type, raw };
}

/** The inner text of a kept content element, CDATA unwrapped and XML entities decoded: usually HTML. */
function rawContent(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const raw = typeof value === 'string' ? value : text(value);
  return raw === null ? null : decodeXml(raw);
}

function decodeXml(raw: string): string {
  let out = '';
  let last = 0;
  for (const match of raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    out += decodeEntities(raw.slice(last, match.index)) + (match[1] ?? '');
    last = match.index + match[0].length;
  }
  return out + decodeEntities(raw.slice(last));
}

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five entities and numeric references, in one pass; other names are left for the HTML parser. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|amp|quot|apos));/gi,
    (entity, dec, hex, name) => {
      if (name) return namedEntities[name.toLowerCase()] ?? entity;
      const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD';
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function isoDate(value: string | null, warnings: string[]): string | null {
  if (!value?.trim()) return null;
  const date = new Date(value.trim());
  if (Number.isNaN(date.getTime())) {
    warnings.push(`date "${value.trim()}" is not a date: left out`);
    return null;
  }
  return date.toISOString();
}

function httpUrl(value: string | null): string | null {
  const url = value?.trim();
  return url && /^https?:\/\/\S+$/i.test(url) ? url : null;
}

function asNode(value: unknown): XmlNode | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : null;
}

function list(value: unknown): XmlNode[] {
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return values.map((v) => (typeof v === 'string' ? { '#text': v } : (asNode(v) ?? {})));
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  const node = asNode(value);
  if (!node) return null;
  const inner = node['#text'];
  return typeof inner === 'string' || typeof inner === 'number' ? String(inner) : null;
}

function deepText(node: XmlNode): string {
  return Object.entries(node)
    .filter(([key]) => !key.startsWith('@_'))
    .map(([, value]) => (typeof value === 'string' ? value : asNode(value) ? deepText(value as XmlNode) : ''))
    .join(' ');
}

function attribute(node: XmlNode, name: string): string | null {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : null;
}
