import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Pasted HTML, from a web page or a word processor, made into what the schema's parse rules
 * read well. The rules themselves keep paragraphs, headings (h1 as h2, h5 and h6 as h4),
 * lists, bold, italic and safe links, and skip any element they do not know while keeping its
 * text (spans, fonts, classes, styles). What is left to do here:
 * - drop what is not the copy: scripts, styles, media and images, forms, navigation, asides,
 *   figures, hidden elements, advertisements, Word's list bullets and <o:p>;
 * - turn Word's list paragraphs (mso-list) into real lists, and nested lists into one level;
 * - make each table cell a block of its own, so its text becomes a paragraph;
 * - read a line break as a space (the model's text is one line);
 * - keep the editor's own blocks (images, quotes, see-also) only when the paste comes from a
 *   ProseMirror editor (data-pm-slice), so another page cannot smuggle in an image block.
 */
export function cleanPastedHtml(html: string, document: Document): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  const fromEditor = root.querySelector('[data-pm-slice]') !== null;

  wordListsToLists(root, document);
  for (const element of [...root.querySelectorAll('*')]) {
    if (isEditorBlock(element, fromEditor)) continue;
    if (isDropped(element)) element.remove();
    else if (!fromEditor) element.removeAttribute('data-block');
  }
  flattenNestedLists(root);
  for (const cell of [...root.querySelectorAll(tableParts)]) renamed(cell, 'div', document);
  for (const br of [...root.querySelectorAll('br')]) br.replaceWith(document.createTextNode(' '));
  for (const p of [...root.querySelectorAll('p')]) if (!p.textContent?.trim()) p.remove();
  return template.innerHTML;
}

const tableParts = 'table, thead, tbody, tfoot, tr, td, th, caption';

const droppedTags = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'link',
  'meta',
  'title',
  'iframe',
  'frame',
  'object',
  'embed',
  'video',
  'audio',
  'canvas',
  'svg',
  'math',
  'img',
  'picture',
  'source',
  'track',
  'map',
  'form',
  'button',
  'input',
  'select',
  'option',
  'textarea',
  'label',
  'nav',
  'aside',
  'footer',
  'figure',
  'figcaption',
  'dialog',
  'colgroup',
  'col',
  'o:p',
]);

/** Class or id words that mark advertising and promotion blocks on news pages. */
const advertising = /(^|[\s_-])(ad|ads|adv|advert\w*|sponsor\w*|promo\w*|outbrain|taboola)([\s_-]|$)/i;

function isDropped(element: Element): boolean {
  if (droppedTags.has(element.tagName.toLowerCase())) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style') ?? '';
  if (/mso-list:\s*ignore|display:\s*none|visibility:\s*hidden/i.test(style)) return true;
  return advertising.test(element.getAttribute('class') ?? '') || advertising.test(element.id);
}

/** An image, quote or see-also link copied from the editor, or a part of one. */
function isEditorBlock(element: Element, fromEditor: boolean): boolean {
  return fromEditor && element.closest('[data-block]') !== null;
}

/**
 * Word writes a list as paragraphs styled `mso-list:l0 level1 lfo1`, each starting with its
 * bullet or number in a span styled `mso-list:Ignore`. Runs of such paragraphs become a <ul>,
 * or an <ol> when the first marker is a number or letter followed by `.` or `)`.
 */
function wordListsToLists(root: DocumentFragment, document: Document): void {
  // Word numbers its lists (l0, l1, …): a new number starts a new list, even right after another.
  const listOf = (node: Element | null) =>
    node ? (/mso-list:\s*(l\d+)/i.exec(node.getAttribute('style') ?? '')?.[1] ?? null) : null;
  for (const first of [...root.querySelectorAll('p')]) {
    const id = listOf(first);
    if (id === null || listOf(first.previousElementSibling) === id) continue;
    const items: Element[] = [first];
    for (let next = first.nextElementSibling; next && listOf(next) === id; next = next.nextElementSibling) {
      items.push(next);
    }
    const marker = [...first.querySelectorAll('[style]')].find((el) =>
      /mso-list:\s*ignore/i.test(el.getAttribute('style') ?? ''),
    );
    const numbered = /^\s*[\dA-Za-z]{1,4}[.)]/.test(marker?.textContent ?? '');
    const list = document.createElement(numbered ? 'ol' : 'ul');
    first.before(list);
    for (const item of items) {
      const li = document.createElement('li');
      li.append(...item.childNodes);
      list.append(li);
      item.remove();
    }
  }
}

/** The model's lists have one level: a nested list's items follow the item they were under. */
function flattenNestedLists(root: DocumentFragment): void {
  for (const inner of [...root.querySelectorAll('li > ul, li > ol')].reverse()) {
    const parentItem = inner.parentElement;
    if (!parentItem) continue;
    parentItem.after(...[...inner.children].filter((child) => child.tagName.toLowerCase() === 'li'));
    inner.remove();
  }
}

function renamed(element: Element, tag: string, document: Document): void {
  const replacement = document.createElement(tag);
  replacement.append(...element.childNodes);
  element.replaceWith(replacement);
}

export const PasteCleanup = Extension.create({
  name: 'pasteCleanup',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: { transformPastedHTML: (html, view) => cleanPastedHtml(html, view.dom.ownerDocument) },
      }),
    ];
  },
});
