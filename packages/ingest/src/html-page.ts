import { Readability } from '@mozilla/readability';
import {
  type ArticleDraft,
  type Block,
  type Image,
  inlineToPlainText,
  type SourceCredit,
  slugify,
} from '@newsroom/domain';
import { parseHTML } from 'linkedom';
import { contentHashOf } from './content-hash.js';
import { blankDraft, fitToLimits } from './draft-limits.js';
import {
  bylineOf,
  creditMark,
  datelineOf,
  firstLineRule,
  isTimestamp,
  readsAsListedHeadline,
  splitCaption,
  trailingAgencyOf,
} from './furniture-rules.js';
import { blocksFromHtml } from './html.js';
import { IngestError } from './ingest-error.js';
import { type PageImage, readPageMetadata } from './page-metadata.js';
import { normalizedHeadline } from './see-also.js';
import { addSources } from './sources.js';

/**
 * How deep a page's elements may nest. Real pages stay well under a hundred levels; Readability's
 * time grows with depth × size, so a page of nothing but nested tags is refused before it is read.
 */
export const maxMarkupDepth = 400;
/** The largest web page read: a news page, scripts and all, is rarely over 2 MB. */
export const maxPageBytes = 10 * 1024 * 1024;
/** Elements a page may have: a long news page has a few thousand, a heavy one twenty thousand. */
export const maxPageElements = 60_000;

/** Elements whose class names a picture credit inside a caption. */
const creditClass = /(?:^|[\s_-])(?:credit|credits|copyright|photographer|source|byline)(?:$|[\s_-])/i;

/**
 * A story from a web page: the article is found with Mozilla's Readability over a linkedom DOM,
 * its markup turned into body blocks by blocksFromHtml (the same sanitising path as feeds), the
 * furniture rules of scraped text applied to what is left, and the metadata read from JSON-LD,
 * Open Graph and the page's own tags (see page-metadata.ts). `url` is where the page was fetched
 * from (relative addresses resolve against it); a file's page resolves them against its canonical
 * address.
 */
export function parseHtmlPage(html: string, options: { origin: string; url?: string | null }): ArticleDraft {
  const { origin } = options;
  if (Buffer.byteLength(html) > maxPageBytes) {
    throw new IngestError(
      `${origin}: a web page of more than ${maxPageBytes / 1024 / 1024} MB: not a page that can be read`,
    );
  }
  const shape = markupShape(html);
  if (shape.depth > maxMarkupDepth) {
    throw new IngestError(
      `${origin}: markup nested more than ${maxMarkupDepth} levels deep: not a page that can be read`,
    );
  }
  if (shape.elements > maxPageElements) {
    throw new IngestError(
      `${origin}: more than ${maxPageElements.toLocaleString('en')} elements: not a page that can be read`,
    );
  }
  const { document } = parseHTML(html);
  const metadata = readPageMetadata(document, options.url ?? null);
  const base = options.url ?? metadata.canonical;
  markCredits(document);
  const figures = figureCaptions(document, base);
  const h1 = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || null;
  removeFurniture(document);

  let article: ReturnType<Readability['parse']>;
  try {
    // linkedom's document is close enough to the DOM Readability expects.
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 300,
    }).parse();
  } catch (error) {
    throw new IngestError(
      `${origin}: the page could not be read (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const name = origin.split(/[/\\]/).at(-1) || origin;
  if (!article?.content) throw new IngestError(`${origin}: no article text found in ${name}`);

  const draft = blankDraft(origin, contentHashOf(html));
  const converted = blocksFromHtml(article.content, { baseUrl: base });
  draft.warnings.push(...metadata.warnings, ...converted.warnings);
  const standfirst = metadata.description;
  const read = withoutFurniture(converted.blocks, standfirst, metadata.authors);
  if (!read.body.some((block) => block.type === 'paragraph')) {
    throw new IngestError(`${origin}: no article text found in ${name}`);
  }

  draft.headline = metadata.headline ?? h1 ?? article.title?.trim() ?? '';
  if (!draft.headline) throw new IngestError(`${origin}: no headline (no JSON-LD, og:title or <h1>)`);
  draft.standfirst = standfirst;
  draft.sourceId = metadata.canonical ?? options.url ?? null;
  draft.canonicalUrl = metadata.canonical;
  draft.language = metadata.language;
  draft.publishedAt = metadata.publishedAt;
  draft.section = metadata.section ? slugify(metadata.section) : null;
  draft.tags = metadata.tags.map((tag) => ({ name: tag }));
  draft.authors =
    metadata.authors.length > 0
      ? metadata.authors
      : read.authors.length > 0
        ? read.authors
        : readabilityByline(article.byline);
  draft.dateline = read.dateline;
  draft.sources = read.sources;
  const hero = heroOf(metadata.image, read.body, figures);
  draft.heroImage = hero.image;
  draft.body = hero.body;
  return fitToLimits(draft);
}

/**
 * How deep the page's elements nest and how many there are, counted over its tags without
 * building a DOM (elements whose end tag may be left out, such as p and li, and void elements,
 * such as img, do not deepen it). Counting stops once either limit is passed.
 */
export function markupShape(html: string): { depth: number; elements: number } {
  const shallow =
    /^(?:p|li|dt|dd|tr|td|th|thead|tbody|tfoot|option|optgroup|rb|rt|rp|colgroup|caption|area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr|html|head|body)$/i;
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  for (const tag of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    if (!tag[1]) elements += 1;
    if (shallow.test(tag[2] ?? '') || tag[3] === '/') continue;
    if (tag[1]) depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
    if (deepest > maxMarkupDepth || elements > maxPageElements) break;
  }
  return { depth: deepest, elements };
}

interface PageElementLike {
  className: string;
  id: string;
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): PageElementLike | null;
  querySelectorAll(selectors: string): Iterable<PageElementLike>;
  remove(): void;
  removeAttribute(name: string): void;
}
type PageDocument = {
  querySelectorAll(selectors: string): Iterable<unknown>;
  querySelector(selectors: string): unknown;
};

/** Elements that are never the story's text: the site's navigation, forms and widgets. */
const furnitureElements =
  'nav, header, footer, aside, form, button, dialog, noscript, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [aria-hidden="true"], h1';

/**
 * Class or id words that name furniture on news sites: share bars, newsletter and app boxes,
 * related and most-read lists, ads, paywall and cookie prompts, comment links, kickers, the
 * byline and time stamps (the metadata has those).
 */
const furnitureClass = new RegExp(
  [
    // Long enough to be read anywhere in a class name ("NewsletterModule-title", "caja-boletin").
    '(?:newsletter|boletin|infolettre|share|sharing|social|subscri|suscri|paywall|promo|cookie|consent|gdpr|related|recommend|mostread|most-read|popular|trending|outbrain|taboola|advert|sponsor|breadcrumb|crumbs|ariane|migas|brotkrumen|kicker|overline|eyebrow|dachzeile|comment|forum|byline|timestamp|toolbar)',
    // Short ones only as a whole word of it ("ad", "nl-box", "tags", "date").
    '(?:^|[\\s_-])(?:ad|ads|adslot|nl|abo|cta|banner|reactions|authors?|date|time|published|updated|tags|keywords|print|signup)(?:$|[\\s_-])',
  ].join('|'),
  'i',
);

/**
 * The page without its furniture elements, before Readability looks for the story: what a site
 * wraps around the text is named by its elements (nav, aside…) and class names far more reliably
 * than by the words in it. Paragraphs are kept whatever their class: their words are held to
 * the furniture rules after.
 */
function removeFurniture(document: PageDocument): void {
  for (const element of [...(document.querySelectorAll(furnitureElements) as Iterable<PageElementLike>)]) {
    element.remove();
  }
  for (const element of [...(document.querySelectorAll('body *') as Iterable<PageElementLike>)]) {
    const tag = element.tagName.toLowerCase();
    if (tag === 'article' || tag === 'main' || tag === 'body') continue;
    if (!furnitureClass.test(`${element.className ?? ''} ${element.id ?? ''}`)) continue;
    // A "Read more: <headline>" line is a see-also block, whatever its class says (Readability
    // would drop it for a class such as "related").
    const text = element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    if (firstLineRule(text)?.rule.effect === 'see-also') {
      element.removeAttribute('class');
      element.removeAttribute('id');
      continue;
    }
    // A wrapper holding the story's paragraphs (a paywall's, say) is not furniture.
    const storyParagraphs = [...element.querySelectorAll('p')].filter(
      (p) => (p.textContent?.length ?? 0) > 150,
    );
    if (storyParagraphs.length >= 2) continue;
    element.remove();
  }
}

/** The caption and credit of every figure in the page, by its picture's address (for the hero). */
function figureCaptions(
  document: PageDocument,
  base: string | null,
): Map<string, { caption: string | null; credit: string | null }> {
  const captions = new Map<string, { caption: string | null; credit: string | null }>();
  for (const figure of document.querySelectorAll('figure') as Iterable<PageElementLike>) {
    const src = figure.querySelector('img')?.getAttribute('src');
    const caption = figure.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ').trim();
    if (!src || !caption) continue;
    try {
      captions.set(imageKey(new URL(src, base ?? undefined).href), splitCaption(caption));
    } catch {
      // An address that cannot be resolved names no picture.
    }
  }
  return captions;
}

/** A credit element inside a caption keeps its meaning once Readability drops its class. */
function markCredits(document: PageDocument): void {
  for (const caption of document.querySelectorAll('figcaption') as Iterable<PageElementLike>) {
    for (const element of caption.querySelectorAll('*')) {
      if (creditClass.test(element.className ?? ''))
        element.textContent = `${creditMark}${element.textContent ?? ''}`;
    }
  }
}

interface ReadBody {
  body: Block[];
  sources: SourceCredit[];
  authors: string[];
  dateline: string | null;
}

/**
 * The article's blocks without the furniture Readability leaves in: each paragraph and heading is
 * held to the scraped-text rules (a "Read more: …" line becomes a see-also block, "Related" and
 * the list under it go, credit lines become sources, a byline becomes the authors), the
 * standfirst repeated as the first text goes, and the dateline and a closing "(AFP)" are taken
 * out of the text.
 */
function withoutFurniture(
  blocks: readonly Block[],
  standfirst: string | null,
  authors: readonly string[],
): ReadBody {
  const read: ReadBody = { body: [], sources: [], authors: [], dateline: null };
  const standfirstKey = standfirst ? normalizedHeadline(standfirst) : null;
  let inList = false;
  for (const block of blocks) {
    if (block.type === 'list') {
      const items = block.items.map((item) => inlineToPlainText(item));
      if (inList || items.every((item) => firstLineRule(item)?.rule.effect === 'drop')) continue;
      read.body.push(block);
      continue;
    }
    if (block.type !== 'paragraph' && block.type !== 'heading') {
      inList = false;
      read.body.push(block);
      continue;
    }
    const text = inlineToPlainText(block.text).replace(/\s+/g, ' ').trim();
    if (inList && readsAsListedHeadline(text) && text.length <= 160) continue;
    inList = false;
    if (standfirstKey && normalizedHeadline(text) === standfirstKey) continue;
    if (namesOnly(text, authors)) continue;
    const claimed = firstLineRule(text);
    if (!claimed || (block.type === 'heading' && claimed.rule.effect === 'byline')) {
      read.body.push(block);
      continue;
    }
    const { effect } = claimed.rule;
    if (effect === 'list-label') inList = true;
    else if (effect === 'see-also')
      read.body.push({ type: 'see-also', slug: null, headline: String(claimed.found).trim() });
    else if (effect === 'source-credit') addSources(read.sources, claimed.found as SourceCredit[]);
    else if (effect === 'byline') {
      const byline = bylineOf(claimed.found as string[]);
      read.authors.push(...byline.authors);
      addSources(read.sources, byline.sources);
    }
  }

  const paragraphs = read.body.filter((block) => block.type === 'paragraph');
  const first = paragraphs[0];
  // A dateline set in bold ("**Arequipa.-** Un sismo…") reads as one without it.
  if (first) first.text = first.text.replace(/^\*\*([^*]{1,60})\*\*\s*/u, '$1 ');
  const dateline = first ? datelineOf(first.text) : null;
  if (first && dateline) {
    read.dateline = dateline.place;
    first.text = dateline.rest;
    if (dateline.agency) {
      const rest = read.sources;
      read.sources = [dateline.agency];
      addSources(read.sources, rest);
    }
  }
  const last = paragraphs.at(-1);
  const trailing = last ? trailingAgencyOf(last.text) : null;
  if (last && trailing) {
    last.text = trailing.rest;
    addSources(read.sources, [trailing.agency]);
  }
  return read;
}

/** A line of the authors' names and perhaps a time: "Reto Baumann und Seraina Vogt 11.05.2026, 17.30 Uhr". */
function namesOnly(text: string, authors: readonly string[]): boolean {
  if (authors.length === 0 || !authors.some((name) => text.includes(name))) return false;
  let rest = text;
  for (const name of authors) rest = rest.replaceAll(name, ' ');
  rest = rest.replace(/(?<!\p{L})(?:by|por|par|von|and|und|y|et|e)(?!\p{L})|[,&|·•]/giu, ' ').trim();
  return rest === '' || isTimestamp(rest);
}

/** Authors from the byline Readability found ("By Ana Ruiz and Ben Okafor"). */
function readabilityByline(byline: string | null | undefined): string[] {
  if (!byline?.trim()) return [];
  const claimed = firstLineRule(byline.trim());
  return claimed?.rule.effect === 'byline' ? bylineOf(claimed.found as string[]).authors : [];
}

/**
 * The hero picture (the metadata's), with the caption and credit of the figure that shows it in
 * the page; that figure then leaves the body, so the picture is not shown twice.
 */
function heroOf(
  image: PageImage | null,
  body: Block[],
  figures: ReadonlyMap<string, { caption: string | null; credit: string | null }>,
): { image: Image | null; body: Block[] } {
  if (!image) return { image: null, body };
  const shown = body.find((block) => block.type === 'image' && imageKey(block.src) === imageKey(image.src));
  const figure = figures.get(imageKey(image.src));
  const hero: Image = {
    src: image.src,
    alt: (shown?.type === 'image' ? shown.alt : null) || image.alt || '',
    caption: figure?.caption ?? image.caption,
    credit: figure?.credit ?? image.credit,
    width: image.width ?? (shown?.type === 'image' ? shown.width : 1200),
    height: image.height ?? (shown?.type === 'image' ? shown.height : 800),
  };
  return { image: hero, body: shown ? body.filter((block) => block !== shown) : body };
}

/** A picture's address without its query: the same picture asked for at another size is the same. */
function imageKey(src: string): string {
  return src.replace(/[?#].*$/, '');
}
