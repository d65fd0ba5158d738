import { type Block, type Image, type InlineNode, inlineToPlainText } from '@newsroom/domain';
import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5';
import { defaultImageSize } from './draft-limits.js';
import { attributionLine, splitCaption } from './furniture-rules.js';
import { inlineSourceOf, safeHref } from './inline.js';

type Element = DefaultTreeAdapterTypes.Element;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** Elements that run code or load other pages: dropped, with a warning. */
const unsafeElements = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
]);

/** Elements dropped with everything inside them: the unsafe ones, and what no reader reads. */
const droppedElements = new Set([
  ...unsafeElements,
  'noscript',
  'template',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'link',
  'meta',
  'base',
  'head',
  'title',
]);

/** Elements that end a paragraph; the rest (span, u, abbr, code, …) are unwrapped in the flow of text. */
const blockElements = new Set([
  'address',
  'article',
  'aside',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'footer',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'nav',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
]);

export interface HtmlConversion {
  blocks: Block[];
  /** At most one line about what was removed as unsafe, plus one per image without a size. */
  warnings: string[];
}

/**
 * Body blocks for someone else's HTML, parsed by parse5 as a browser would: p → paragraph (with
 * strong/b, em/i and a[href] kept as the inline subset, links only to safe URLs), h1–h6 →
 * heading, blockquote → quote, ul/ol → list, img/figure → image, script/style/iframe/object and
 * on* attributes gone, unknown elements unwrapped to their text. `baseUrl` makes relative links
 * and image addresses absolute; without one they are dropped.
 */
export function blocksFromHtml(html: string, options: { baseUrl: string | null }): HtmlConversion {
  const converter = new HtmlToBlocks(options.baseUrl);
  const fragment = parseFragment(html);
  converter.blockChildren(fragment);
  converter.flush();
  return { blocks: converter.blocks, warnings: converter.warnings() };
}

/** The words of an HTML fragment (a feed title, a summary), whitespace collapsed, without markup. */
export function plainTextFromHtml(html: string): string {
  return textOf(parseFragment(html))
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();
}

function textOf(node: ParentNode | ChildNode): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  if (isElement(node) && droppedElements.has(node.tagName)) return '';
  if (isElement(node) && node.tagName === 'br') return ' ';
  if (!('childNodes' in node)) return '';
  const inner = node.childNodes.map(textOf).join('');
  return isElement(node) &&
    (blockElements.has(node.tagName) || /^(?:p|h[1-6]|blockquote|ul|ol)$/.test(node.tagName))
    ? ` ${inner} `
    : inner;
}

function isElement(node: ParentNode | ChildNode): node is Element {
  return 'tagName' in node;
}

function attr(element: Element, name: string): string | null {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}

class HtmlToBlocks {
  readonly blocks: Block[] = [];
  /** The paragraph being gathered from loose text and inline elements between blocks. */
  private run: InlineNode[] = [];
  /** Images met inside a paragraph, placed after it. */
  private pendingImages: Block[] = [];
  private readonly removed = new Map<string, number>();
  private eventAttributes = 0;
  private unsafeLinks = 0;
  private readonly imageWarnings: string[] = [];
  private formattingDropped = false;

  constructor(private readonly baseUrl: string | null) {}

  warnings(): string[] {
    const removed: string[] = [];
    for (const [tag, count] of this.removed) removed.push(count > 1 ? `<${tag}> ×${count}` : `<${tag}>`);
    if (this.eventAttributes > 0)
      removed.push(`${this.eventAttributes} on* attribute${this.eventAttributes > 1 ? 's' : ''}`);
    if (this.unsafeLinks > 0)
      removed.push(`${this.unsafeLinks} unsafe link${this.unsafeLinks > 1 ? 's' : ''} (kept as text)`);
    const lines = removed.length > 0 ? [`unsafe HTML removed: ${removed.join(', ')}`] : [];
    if (this.formattingDropped)
      lines.push('inline formatting the body cannot express was kept as plain text');
    return [...lines, ...this.imageWarnings];
  }

  /** Goes through an element's children as a sequence of blocks. */
  blockChildren(parent: ParentNode): void {
    for (const child of parent.childNodes) this.blockNode(child);
  }

  flush(): void {
    this.pushParagraphs(this.run);
    this.run = [];
  }

  private blockNode(node: ChildNode): void {
    if (node.nodeName === '#text') {
      this.run.push(textNode(node));
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName;
    if (droppedElements.has(tag)) {
      this.drop(node);
      return;
    }
    this.countEventAttributes(node);
    if (tag === 'p') {
      this.flush();
      this.pushParagraphs(this.inlineChildren(node));
      return;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      this.flush();
      const { text, formattingDropped } = inlineSourceOf(withoutLineBreaks(this.inlineChildren(node)));
      this.formattingDropped ||= formattingDropped;
      if (text) this.blocks.push({ type: 'heading', level: headingLevel(Number(heading[1])), text });
      this.placePendingImages();
      return;
    }
    if (tag === 'blockquote') {
      this.flush();
      this.quote(node);
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      this.flush();
      const items = this.listItems(node);
      if (items.length > 0)
        this.blocks.push({ type: 'list', style: tag === 'ol' ? 'numbered' : 'bulleted', items });
      this.placePendingImages();
      return;
    }
    if (tag === 'figure') {
      this.flush();
      this.figure(node);
      return;
    }
    if (tag === 'img') {
      this.flush();
      this.image(node, null);
      return;
    }
    if (tag === 'pre') {
      this.flush();
      this.pushParagraphs([{ kind: 'text', text: textOf(node) }]);
      return;
    }
    if (tag === 'br') {
      this.run.push({ kind: 'text', text: lineBreak });
      return;
    }
    if (blockElements.has(tag)) {
      this.flush();
      this.blockChildren(node);
      this.flush();
      return;
    }
    this.run.push(...this.inlineNode(node));
  }

  /** Inline content of an element, as inline nodes; images inside are held for after the paragraph. */
  private inlineChildren(parent: ParentNode): InlineNode[] {
    return parent.childNodes.flatMap((child) => this.inlineNode(child));
  }

  private inlineNode(node: ChildNode): InlineNode[] {
    if (node.nodeName === '#text') return [textNode(node)];
    if (!isElement(node)) return [];
    const tag = node.tagName;
    if (droppedElements.has(tag)) {
      this.drop(node);
      return [];
    }
    this.countEventAttributes(node);
    switch (tag) {
      case 'strong':
      case 'b':
        return [{ kind: 'strong', children: this.inlineChildren(node) }];
      case 'em':
      case 'i':
        return [{ kind: 'emphasis', children: this.inlineChildren(node) }];
      case 'a': {
        const children = this.inlineChildren(node);
        const raw = attr(node, 'href');
        const href = raw === null ? null : safeHref(raw, this.baseUrl);
        if (
          raw !== null &&
          href === null &&
          /^\s*[a-z][a-z0-9+.-]*:/i.test(raw) &&
          !/^\s*(?:https?|mailto):/i.test(raw)
        ) {
          this.unsafeLinks += 1;
        }
        return href ? [{ kind: 'link', href, children }] : children;
      }
      case 'br':
        return [{ kind: 'text', text: lineBreak }];
      case 'img':
        this.image(node, null, true);
        return [];
      default: {
        const children = this.inlineChildren(node);
        // A block element met inside inline content (a div in a link) still separates words.
        return blockElements.has(tag)
          ? [{ kind: 'text', text: ' ' }, ...children, { kind: 'text', text: ' ' }]
          : children;
      }
    }
  }

  /** Paragraphs for a run of inline content: two or more <br> in a row start a new one. */
  private pushParagraphs(nodes: InlineNode[]): void {
    const merged: InlineNode[] = [];
    for (const node of nodes) {
      const last = merged.at(-1);
      if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
      else merged.push(node.kind === 'text' ? { ...node } : node);
    }
    let current: InlineNode[] = [];
    const emit = () => {
      const { text, formattingDropped } = inlineSourceOf(withoutLineBreaks(current));
      this.formattingDropped ||= formattingDropped && text.length > 0;
      if (text) this.blocks.push({ type: 'paragraph', text });
      current = [];
    };
    for (const node of merged) {
      if (node.kind !== 'text') {
        current.push(node);
        continue;
      }
      const [first, ...rest] = node.text.split(paragraphBreak);
      current.push({ kind: 'text', text: first ?? '' });
      for (const part of rest) {
        emit();
        current.push({ kind: 'text', text: part });
      }
    }
    emit();
    this.placePendingImages();
  }

  private placePendingImages(): void {
    this.blocks.push(...this.pendingImages);
    this.pendingImages = [];
  }

  private quote(node: Element): void {
    let attribution: string | null = null;
    const cite = findFirst(node, (el) => el.tagName === 'cite' || el.tagName === 'footer');
    if (cite) {
      attribution =
        textOf(cite)
          .replace(/^[\s—―–-]+/u, '')
          .replace(/\s+/g, ' ')
          .trim() || null;
      detach(cite);
    }
    // Paragraphs inside the quote are kept apart by a line break, so a last "— Name" line is found.
    const lines: InlineNode[][] = [];
    let current: InlineNode[] = [];
    for (const child of node.childNodes) {
      if (
        isElement(child) &&
        (child.tagName === 'p' || blockElements.has(child.tagName) || /^h[1-6]$/.test(child.tagName))
      ) {
        if (current.length) lines.push(current);
        lines.push(this.inlineChildren(child));
        current = [];
      } else if (isElement(child) && (child.tagName === 'ul' || child.tagName === 'ol')) {
        if (current.length) lines.push(current);
        current = [];
        for (const item of this.listItems(child)) lines.push([{ kind: 'text', text: item }]);
      } else {
        current.push(...this.inlineNode(child));
      }
    }
    if (current.length) lines.push(current);
    const texts = lines.map((l) => inlineSourceOf(withoutLineBreaks(l)).text).filter((t) => t.length > 0);
    const named = texts.length > 1 && attribution === null ? attributionLine.exec(texts.at(-1) ?? '') : null;
    if (named?.groups?.text) {
      attribution = inlineToPlainText(named.groups.text).trim();
      texts.pop();
    }
    const text = texts.join(' ');
    if (text) this.blocks.push({ type: 'quote', text, attribution });
    this.placePendingImages();
  }

  /** List items, with nested lists flattened into the same list after their parent item. */
  private listItems(list: Element): string[] {
    const items: string[] = [];
    for (const child of list.childNodes) {
      if (!isElement(child)) continue;
      if (droppedElements.has(child.tagName)) {
        this.drop(child);
        continue;
      }
      this.countEventAttributes(child);
      const inline: InlineNode[] = [];
      const nested: string[] = [];
      for (const part of child.childNodes) {
        if (isElement(part) && (part.tagName === 'ul' || part.tagName === 'ol')) {
          nested.push(...this.listItems(part));
        } else {
          inline.push(...this.inlineNode(part), { kind: 'text', text: ' ' });
        }
      }
      const { text, formattingDropped } = inlineSourceOf(withoutLineBreaks(inline));
      this.formattingDropped ||= formattingDropped;
      if (text) items.push(text);
      items.push(...nested);
    }
    return items;
  }

  private figure(node: Element): void {
    const img = findFirst(node, (el) => el.tagName === 'img');
    if (!img) {
      this.blockChildren(node);
      this.flush();
      return;
    }
    for (const child of node.childNodes) {
      if (isElement(child)) this.countEventAttributes(child, true);
    }
    const figcaption = findFirst(node, (el) => el.tagName === 'figcaption');
    const { caption, credit } = figcaption
      ? splitCaption(plainTextOf(figcaption))
      : { caption: null, credit: null };
    this.image(img, caption, false, credit);
  }

  private image(node: Element, caption: string | null, pending = false, credit: string | null = null): void {
    const image = this.imageOf(node, caption, credit);
    if (!image) return;
    if (pending) this.pendingImages.push({ type: 'image', ...image });
    else this.blocks.push({ type: 'image', ...image });
  }

  /** An image for an <img>, or null (with a warning) when its address is not an http(s) URL. */
  private imageOf(node: Element, caption: string | null, credit: string | null): Image | null {
    const raw = attr(node, 'src')?.trim() ?? '';
    const src = raw ? safeHref(raw, this.baseUrl) : null;
    if (!src || !/^https?:/i.test(src)) {
      this.imageWarnings.push(`image "${clipped(raw)}" left out: not an http(s) address`);
      return null;
    }
    const width = dimension(attr(node, 'width'));
    const height = dimension(attr(node, 'height'));
    const sized = width !== null && height !== null;
    if (!sized) {
      this.imageWarnings.push(
        `image ${src}: size unknown, set to ${defaultImageSize.width}×${defaultImageSize.height}`,
      );
    }
    return {
      src,
      alt: attr(node, 'alt')?.trim() ?? '',
      caption: caption || attr(node, 'title')?.trim() || null,
      credit,
      width: sized ? width : defaultImageSize.width,
      height: sized ? height : defaultImageSize.height,
    };
  }

  private drop(node: Element): void {
    this.noteRemoved(node);
    this.countEventAttributes(node, true);
  }

  private noteRemoved(node: Element): void {
    if (unsafeElements.has(node.tagName))
      this.removed.set(node.tagName, (this.removed.get(node.tagName) ?? 0) + 1);
  }

  /** Counts on* attributes (onclick, onerror…) on the element, or on it and everything inside. */
  private countEventAttributes(node: Element, deep = false): void {
    this.eventAttributes += node.attrs.filter((a) => /^on/i.test(a.name)).length;
    if (!deep) return;
    const children =
      node.tagName === 'template'
        ? (node as DefaultTreeAdapterTypes.Template).content.childNodes
        : node.childNodes;
    for (const child of children) {
      if (!isElement(child)) continue;
      this.noteRemoved(child);
      this.countEventAttributes(child, true);
    }
  }
}

/**
 * What a <br> leaves in inline text until paragraphs are cut: a private-use character, so the
 * newlines of the HTML source (which are only spaces) are not mistaken for it.
 */
const lineBreak = '\uE000';
const paragraphBreak = /\uE000(?:[ \t\n\r\f]*\uE000)+/;

function textNode(node: ChildNode): InlineNode {
  return { kind: 'text', text: (node as DefaultTreeAdapterTypes.TextNode).value.replaceAll(lineBreak, '') };
}

function withoutLineBreaks(nodes: InlineNode[]): InlineNode[] {
  return nodes.map((node) =>
    node.kind === 'text'
      ? { kind: 'text', text: node.text.replaceAll(lineBreak, ' ') }
      : { ...node, children: withoutLineBreaks(node.children) },
  );
}

function plainTextOf(node: Element): string {
  return textOf(node)
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();
}

function headingLevel(level: number): 2 | 3 | 4 {
  return level <= 2 ? 2 : level === 3 ? 3 : 4;
}

function dimension(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*(?:px)?\s*$/.test(value)) return null;
  const n = Number.parseInt(value, 10);
  return n > 0 ? n : null;
}

function findFirst(node: ParentNode, test: (element: Element) => boolean): Element | null {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (droppedElements.has(child.tagName)) continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return null;
}

function detach(node: Element): void {
  const parent = node.parentNode;
  if (parent) parent.childNodes = parent.childNodes.filter((child) => child !== node);
}

function clipped(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
