import { type Block, type Image, type InlineNode, isSafeHref, parseInline } from '@newsroom/domain';
import { absoluteUrl, articleUrl } from './urls';
import { type Child, type Element, el, writeHtml } from './xml';

/**
 * An article body as HTML for feed readers (RSS `content:encoded`), built from the typed blocks
 * the way the site's ArticleBody renders them. Every piece of text goes in as a text node, so
 * markup in content comes out as visible characters; links and images get absolute URLs
 * because a feed reader shows the HTML on no page of this site.
 */
export function bodyHtml(body: readonly Block[], siteUrl: string): string {
  return writeHtml(body.map((block) => blockElement(block, siteUrl)));
}

function blockElement(block: Block, siteUrl: string): Element {
  switch (block.type) {
    case 'paragraph':
      return el('p', {}, inline(block.text, siteUrl));
    case 'heading':
      return el(`h${block.level}`, {}, inline(block.text, siteUrl));
    case 'quote':
      return el(
        'figure',
        {},
        el('blockquote', {}, el('p', {}, inline(block.text, siteUrl))),
        block.attribution && el('figcaption', {}, `— ${block.attribution}`),
      );
    case 'image':
      return imageFigure(block, siteUrl);
    case 'list':
      return el(
        block.style === 'numbered' ? 'ol' : 'ul',
        {},
        block.items.map((item) => el('li', {}, inline(item, siteUrl))),
      );
    case 'see-also':
      return el(
        'p',
        {},
        'See also: ',
        block.slug ? el('a', { href: articleUrl(siteUrl, block.slug) }, block.headline) : block.headline,
      );
    default:
      return unknownBlock(block);
  }
}

/** The compiler fails here when a block type is added without a case above. */
function unknownBlock(block: never): never {
  throw new Error(`No HTML for block ${JSON.stringify(block)}`);
}

function imageFigure(image: Image, siteUrl: string): Element {
  return el(
    'figure',
    {},
    el('img', {
      src: absoluteUrl(siteUrl, image.src),
      alt: image.alt,
      width: image.width,
      height: image.height,
    }),
    (image.caption || image.credit) &&
      el(
        'figcaption',
        {},
        image.caption,
        image.caption && image.credit && ' ',
        image.credit && `Photo: ${image.credit}`,
      ),
  );
}

/** The domain's safe inline subset (emphasis, strong, links) as elements around text nodes. */
function inline(source: string, siteUrl: string): Child[] {
  return parseInline(source).map((node) => inlineNode(node, siteUrl));
}

function inlineNode(node: InlineNode, siteUrl: string): Child {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'emphasis':
      return el(
        'em',
        {},
        node.children.map((c) => inlineNode(c, siteUrl)),
      );
    case 'strong':
      return el(
        'strong',
        {},
        node.children.map((c) => inlineNode(c, siteUrl)),
      );
    case 'link': {
      const children = node.children.map((c) => inlineNode(c, siteUrl));
      // parseInline keeps only safe links; checked again because this HTML leaves the site.
      return isSafeHref(node.href) ? el('a', { href: absoluteUrl(siteUrl, node.href) }, children) : children;
    }
  }
}
