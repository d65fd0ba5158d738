import type { ArticleDraft } from '@newsroom/domain';
import {
  articleStatuses,
  type Block,
  BlockSchema,
  type Image,
  ImageSchema,
  LanguageSchema,
  limits,
  MediaUrlSchema,
  SlugSchema,
  slugify,
  TimestampSchema,
  tagTypes,
} from '@newsroom/domain';

/** Copy rarely says how big an image is; the Store needs a size, so this one stands in (3:2). */
export const defaultImageSize = { width: 1200, height: 800 } as const;

/** A draft with nothing in it yet: the starting point parsers (and tests) fill in. */
export function blankDraft(origin: string, contentHash: string): ArticleDraft {
  return {
    origin,
    sourceId: null,
    contentHash,
    headline: '',
    slug: null,
    standfirst: null,
    dateline: null,
    body: [],
    heroImage: null,
    sources: [],
    tags: [],
    authors: [],
    section: null,
    status: null,
    publishedAt: null,
    canonicalUrl: null,
    language: null,
    warnings: [],
  };
}

/**
 * The draft cut to what the Store accepts (see the domain's limits): long paragraphs split,
 * long fields truncated, extra blocks, tags, authors and sources left off, invalid values
 * dropped, each change one warning. A parser calls this last, so no draft it returns is one
 * the Store would refuse for its size or shape.
 */
export function fitToLimits(draft: ArticleDraft): ArticleDraft {
  const warnings = [...draft.warnings];
  const warn = (line: string) => warnings.push(line);

  let headline = draft.headline.replace(/\s+/g, ' ').trim();
  if (headline.length > limits.headline) {
    warn(`headline of ${headline.length} characters cut to ${limits.headline}`);
    headline = truncated(headline, limits.headline);
  }

  let standfirst = draft.standfirst?.replace(/\s+/g, ' ').trim() || null;
  if (standfirst && standfirst.length > limits.standfirst) {
    warn(`standfirst of ${standfirst.length} characters cut to ${limits.standfirst}`);
    standfirst = truncated(standfirst, limits.standfirst);
  }

  let dateline = draft.dateline?.replace(/\s+/g, ' ').trim() || null;
  if (dateline && dateline.length > limits.dateline) {
    warn(`dateline of ${dateline.length} characters is too long for one: left out`);
    dateline = null;
  }

  let slug = draft.slug?.trim() || null;
  if (slug && !SlugSchema.safeParse(slug).success) {
    const fixed = slugify(slug);
    warn(`slug "${clip(slug)}" is not a valid slug: using "${fixed}"`);
    slug = fixed;
  }

  let section = draft.section?.trim() || null;
  if (section && !SlugSchema.safeParse(section).success) {
    const fixed = slugify(section);
    warn(`section "${clip(section)}" is not a slug: using "${fixed}"`);
    section = fixed;
  }

  let status = draft.status;
  if (status !== null && !articleStatuses.includes(status)) {
    warn(`status "${clip(String(status))}" is not one of ${articleStatuses.join(', ')}: ignored`);
    status = null;
  }

  let publishedAt = draft.publishedAt;
  if (publishedAt !== null && !TimestampSchema.safeParse(publishedAt).success) {
    warn(`publication date "${clip(publishedAt)}" is not an ISO-8601 timestamp: ignored`);
    publishedAt = null;
  }

  let canonicalUrl = draft.canonicalUrl?.trim() || null;
  if (canonicalUrl && !isHttpUrl(canonicalUrl)) {
    warn(
      `canonical URL "${clip(canonicalUrl)}" is not an http(s) URL of at most ${limits.url} characters: ignored`,
    );
    canonicalUrl = null;
  }

  let language =
    draft.language?.trim().replace(/^[A-Za-z]{2,3}(?=-|$)/, (primary) => primary.toLowerCase()) || null;
  if (language && !LanguageSchema.safeParse(language).success) {
    warn(`language "${clip(language)}" is not a BCP 47 tag: ignored`);
    language = null;
  }

  const heroImage = draft.heroImage ? fitImage(draft.heroImage, warn, 'hero image') : null;

  return {
    ...draft,
    headline,
    standfirst,
    dateline,
    slug,
    section,
    status,
    publishedAt,
    canonicalUrl,
    language,
    heroImage,
    body: fitBody(draft.body, warn),
    tags: fitNames(
      draft.tags.map((tag) => ({
        name: tag.name,
        ...(tag.type && tagTypes.includes(tag.type) ? { type: tag.type } : {}),
      })),
      (tag) => tag.name,
      (tag, name) => ({ ...tag, name }),
      limits.name,
      limits.tagsPerArticle,
      'tags',
      warn,
    ),
    authors: fitNames(
      draft.authors,
      (author) => author,
      (_author, name) => name,
      limits.name,
      limits.authorsPerArticle,
      'authors',
      warn,
    ),
    sources: fitNames(
      draft.sources.map((source) => ({
        ...source,
        url: source.url && isHttpUrl(source.url) ? source.url : null,
      })),
      (source) => source.name,
      (source, name) => ({ ...source, name }),
      limits.sourceName,
      limits.sourcesPerArticle,
      'sources',
      warn,
    ),
    warnings,
  };
}

function fitBody(body: Block[], warn: (line: string) => void): Block[] {
  const out: Block[] = [];
  for (const block of body) {
    for (const fitted of fitBlock(block, warn)) {
      const parsed = BlockSchema.safeParse(fitted);
      if (parsed.success) out.push(parsed.data);
      else
        warn(`a ${block.type} block the Store would refuse was left out: ${parsed.error.issues[0]?.message}`);
    }
  }
  let kept = out;
  if (kept.length > limits.bodyBlocks) {
    warn(`body of ${kept.length} blocks cut to the first ${limits.bodyBlocks}`);
    kept = kept.slice(0, limits.bodyBlocks);
  }
  const encoder = new TextEncoder();
  let bytes = encoder.encode(JSON.stringify(kept)).length;
  if (bytes > limits.bodyBytes) {
    const before = kept.length;
    while (kept.length > 0 && bytes > limits.bodyBytes) {
      kept = kept.slice(0, -1);
      bytes = encoder.encode(JSON.stringify(kept)).length;
    }
    warn(`body over ${limits.bodyBytes} bytes: the last ${before - kept.length} blocks left out`);
  }
  return kept;
}

function fitBlock(block: Block, warn: (line: string) => void): Block[] {
  switch (block.type) {
    case 'paragraph': {
      const text = block.text.trim();
      if (!text) return [];
      if (text.length <= limits.blockText) return [{ ...block, text }];
      const parts = splitText(text, limits.blockText);
      warn(`a paragraph of ${text.length} characters split into ${parts.length}`);
      return parts.map((part) => ({ type: 'paragraph', text: part }));
    }
    case 'heading': {
      const text = block.text.replace(/\s+/g, ' ').trim();
      if (!text) return [];
      if (text.length <= limits.headingText) return [{ ...block, text }];
      warn(`a heading of ${text.length} characters (over ${limits.headingText}) kept as a paragraph`);
      return fitBlock({ type: 'paragraph', text }, warn);
    }
    case 'quote': {
      let text = block.text.trim();
      if (!text) return [];
      if (text.length > limits.blockText) {
        warn(`a quote of ${text.length} characters cut to ${limits.blockText}`);
        text = truncated(text, limits.blockText);
      }
      let attribution = block.attribution?.trim() || null;
      if (attribution && attribution.length > limits.attribution) {
        warn(`a quote attribution cut to ${limits.attribution} characters`);
        attribution = truncated(attribution, limits.attribution);
      }
      return [{ type: 'quote', text, attribution }];
    }
    case 'list': {
      const items = block.items
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
        .map((item) => {
          if (item.length <= limits.blockText) return item;
          warn(`a list item of ${item.length} characters cut to ${limits.blockText}`);
          return truncated(item, limits.blockText);
        });
      if (items.length === 0) return [];
      const lists: Block[] = [];
      for (let i = 0; i < items.length; i += limits.listItems) {
        lists.push({ type: 'list', style: block.style, items: items.slice(i, i + limits.listItems) });
      }
      if (lists.length > 1) warn(`a list of ${items.length} items split into ${lists.length} lists`);
      return lists;
    }
    case 'image': {
      const { type: _type, ...image } = block;
      const fitted = fitImage(image, warn, 'image');
      return fitted ? [{ type: 'image', ...fitted }] : [];
    }
    case 'see-also': {
      let headline = block.headline.replace(/\s+/g, ' ').trim();
      if (!headline) return [];
      if (headline.length > limits.headline) {
        warn(`a see-also headline cut to ${limits.headline} characters`);
        headline = truncated(headline, limits.headline);
      }
      const slug = block.slug && SlugSchema.safeParse(block.slug).success ? block.slug : null;
      return [{ type: 'see-also', slug, headline }];
    }
  }
}

/** An image the Store accepts, or null (with a warning) when its address is not one. */
export function fitImage(image: Image, warn: (line: string) => void, what: string): Image | null {
  if (!MediaUrlSchema.safeParse(image.src).success) {
    warn(`${what} "${clip(image.src)}" left out: not an http(s) URL of at most ${limits.url} characters`);
    return null;
  }
  const cut = (text: string | null, max: number, field: string): string | null => {
    const clean = text?.replace(/\s+/g, ' ').trim() ?? '';
    if (clean.length <= max) return clean || null;
    warn(`${what} ${field} cut to ${max} characters`);
    return truncated(clean, max);
  };
  const dimension = (value: number, fallback: number) =>
    Number.isInteger(value) && value > 0 ? Math.min(value, limits.imageDimension) : fallback;
  const fitted = {
    src: image.src,
    alt: cut(image.alt, limits.imageAlt, 'alt text') ?? '',
    caption: cut(image.caption, limits.caption, 'caption'),
    credit: cut(image.credit, limits.credit, 'credit'),
    width: dimension(image.width, defaultImageSize.width),
    height: dimension(image.height, defaultImageSize.height),
  };
  return ImageSchema.parse(fitted);
}

function fitNames<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  withName: (item: T, name: string) => T,
  maxLength: number,
  maxCount: number,
  what: string,
  warn: (line: string) => void,
): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    let name = nameOf(item).replace(/\s+/g, ' ').trim();
    if (!name) continue;
    if (name.length > maxLength) {
      warn(`${what}: "${clip(name)}" cut to ${maxLength} characters`);
      name = truncated(name, maxLength);
    }
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(withName(item, name));
  }
  if (out.length > maxCount) {
    warn(`${out.length} ${what}: only the first ${maxCount} kept`);
    return out.slice(0, maxCount);
  }
  return out;
}

function isHttpUrl(value: string): boolean {
  if (value.length > limits.url || !/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** At most `max` UTF-16 units, ending in "…", cut after a whole word where one ends near the limit. */
export function truncated(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = safeCut(text, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/**
 * Pieces of at most `max` units, each ending where a sentence ends when one ends in the second
 * half of the piece, else at a space, else (one very long word) anywhere.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = safeCut(rest, max);
    const floor = Math.floor(max / 2);
    let end = -1;
    for (const match of window.matchAll(/[.!?…]["'”’)]*\s/g)) {
      if (match.index >= floor) end = match.index + match[0].length - 1;
    }
    if (end < 0) end = window.lastIndexOf(' ');
    if (end <= 0) end = window.length;
    parts.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** The first `length` units, without half a surrogate pair or a lone escaping backslash at the end. */
function safeCut(text: string, length: number): string {
  let cut = text.slice(0, length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const backslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (backslashes % 2 === 1) cut = cut.slice(0, -1);
  return cut;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
