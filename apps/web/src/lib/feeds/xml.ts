/**
 * Markup for feeds and sitemaps, built as a tree in which every string is text. Text and
 * attribute values are escaped when the tree is written, so nothing from content can become
 * markup, and no CDATA section is ever needed (a `]]>` in text is just text).
 * Element and attribute names come from this code only, never from content.
 */

/** Characters XML 1.0 cannot carry at all, not even as references: C0 controls but tab, LF and
 * CR; lone surrogates; U+FFFE and U+FFFF. One of them makes a whole feed unreadable. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
// &apos; is not HTML 4, so the HTML inside content:encoded uses the numeric form.
const htmlEntities: Record<string, string> = { ...xmlEntities, "'": '&#39;' };

/** Text made safe for any XML text node or quoted attribute value. */
export function escapeXml(text: string): string {
  return escapeWith(text, xmlEntities);
}

/** The same for HTML, which may then travel as XML text itself (escaped again, not CDATA). */
export function escapeHtml(text: string): string {
  return escapeWith(text, htmlEntities);
}

function escapeWith(text: string, entities: Record<string, string>): string {
  return text.replace(notXmlChar, '').replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
}

export type Attributes = Record<string, string | number | null | undefined>;

export interface Element {
  name: string;
  attributes: Attributes;
  children: Child[];
}

/** Strings are text; null, undefined and false are nothing, so optional parts read inline. */
export type Child = Element | string | null | undefined | false | readonly Child[];

export function el(name: string, attributes: Attributes = {}, ...children: Child[]): Element {
  return { name, attributes, children };
}

/** A whole XML document: the declaration, then the root. */
export function xmlDocument(root: Element): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${writeXml(root)}\n`;
}

/**
 * XML text. An element whose children are all elements gets them one per line: feeds and
 * sitemaps never mix text and elements, so the line breaks change nothing but readability.
 */
export function writeXml(node: Child): string {
  if (node === null || node === undefined || node === false) return '';
  if (typeof node === 'string') return escapeXml(node);
  if (isChildList(node)) return node.map(writeXml).join('');
  const open = `<${node.name}${attributesOf(node.attributes, escapeXml)}`;
  const children = flatten(node.children);
  if (children.length === 0) return `${open}/>`;
  if (children.every((c) => typeof c !== 'string')) {
    return `${open}>\n${children.map(writeXml).join('\n')}\n</${node.name}>`;
  }
  return `${open}>${children.map(writeXml).join('')}</${node.name}>`;
}

/** Elements HTML writes without a closing tag. */
const voidElements = new Set(['br', 'hr', 'img']);

/** HTML text: as XML, but `<p></p>` rather than `<p/>`, which HTML would read as an open tag. */
export function writeHtml(node: Child): string {
  if (node === null || node === undefined || node === false) return '';
  if (typeof node === 'string') return escapeHtml(node);
  if (isChildList(node)) return node.map(writeHtml).join('');
  const open = `<${node.name}${attributesOf(node.attributes, escapeHtml)}>`;
  if (voidElements.has(node.name)) return open;
  return `${open}${node.children.map(writeHtml).join('')}</${node.name}>`;
}

function attributesOf(attributes: Attributes, escapeText: (text: string) => string): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeText(String(value))}"`)
    .join('');
}

function isChildList(node: Child): node is readonly Child[] {
  return Array.isArray(node);
}

function flatten(children: readonly Child[]): (Element | string)[] {
  return children.flatMap((c) => {
    if (isChildList(c)) return flatten(c);
    return c === null || c === undefined || c === false ? [] : [c];
  });
}
