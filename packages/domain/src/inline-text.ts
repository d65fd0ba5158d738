/**
 * The small, safe Markdown subset allowed inside paragraphs, list items and quotes:
 * `*emphasis*` or `_emphasis_`, `**strong**`, and `[text](url)` links to http(s), mailto
 * or site-relative URLs. It parses to a tree of plain nodes that renderers turn into
 * elements with escaped text, so no markup in content ever reaches a page as HTML.
 */
import { limits } from './limits.js';

export type InlineNode =
  | { kind: 'text'; text: string }
  | { kind: 'emphasis'; children: InlineNode[] }
  | { kind: 'strong'; children: InlineNode[] }
  | { kind: 'link'; href: string; children: InlineNode[] };

/** URLs a link may point to; anything else (javascript:, data:, …) stays plain text. */
export function isSafeHref(href: string): boolean {
  // Browsers read "/\host" and "/<tab>/host" as "//host": another site, not a path on this one.
  if (href.startsWith('/')) return /^\/(?![/\\])\S*$/.test(href);
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export function parseInline(source: string): InlineNode[] {
  return parseRange(source, 0, source.length, 0);
}

const maxDepth = 8;

function parseRange(src: string, start: number, end: number, depth: number): InlineNode[] {
  const nodes: InlineNode[] = [];
  let text = '';
  const flush = () => {
    if (text) nodes.push({ kind: 'text', text });
    text = '';
  };
  // Each scan below is remembered, so hostile input ("****…", "[[[[…") stays linear per depth.
  const noClose = new Set<string>();
  const brackets = matchingBrackets(src, start, end);
  let i = start;
  while (i < end) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < end && /[\\*_[\]()]/.test(src[i + 1] ?? '')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    // As in CommonMark, `_` inside a word (snake_case, file_names) is not a marker.
    if (depth < maxDepth && (ch === '*' || (ch === '_' && !isWordChar(src[i - 1])))) {
      const strong = src.startsWith(ch.repeat(2), i);
      const marker = strong ? ch.repeat(2) : ch;
      const key = marker;
      const close = noClose.has(key) ? -1 : findClose(src, i + marker.length, end, ch, strong);
      if (close < 0) noClose.add(key);
      // An opening marker must touch a word on its right, as in CommonMark.
      if (close > i + marker.length && !/\s/.test(src[i + marker.length] ?? ' ')) {
        flush();
        const children = parseRange(src, i + marker.length, close, depth + 1);
        nodes.push(strong ? { kind: 'strong', children } : { kind: 'emphasis', children });
        i = close + marker.length;
        continue;
      }
    }
    if (depth < maxDepth && ch === '[') {
      const link = matchLink(src, brackets.get(i) ?? -1, end);
      if (link) {
        flush();
        const children = parseRange(src, i + 1, link.textEnd, depth + 1);
        if (isSafeHref(link.href)) nodes.push({ kind: 'link', href: link.href, children });
        else nodes.push(...children);
        i = link.end;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  flush();
  return nodes;
}

/**
 * Where the marker opened before `from` closes, or -1. Markers are read in runs: a run of two
 * belongs to a nested strong and never closes an emphasis; a run of three closes both, the
 * inner one first (`*a **b***`, `***both***`).
 */
function findClose(src: string, from: number, end: number, ch: string, strong: boolean): number {
  for (let j = from; j < end; j++) {
    if (src[j] === '\\') {
      j += 1;
      continue;
    }
    if (src[j] !== ch) continue;
    let run = 1;
    while (j + run < end && src[j + run] === ch) run += 1;
    const canClose = !/\s/.test(src[j - 1] ?? ' ') && !(ch === '_' && isWordChar(src[j + run]));
    if (canClose) {
      if (strong && run >= 2) return j + run - 2;
      if (!strong && run !== 2) return j + run - 1;
    }
    j += run - 1;
  }
  return -1;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** For every `[` in the range, the index of its matching `]`, found in one pass. */
function matchingBrackets(src: string, start: number, end: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let j = start; j < end; j++) {
    if (src[j] === '\\') j += 1;
    else if (src[j] === '[') open.push(j);
    else if (src[j] === ']' && open.length > 0) pairs.set(open.pop() as number, j);
  }
  return pairs;
}

function matchLink(src: string, textEnd: number, end: number) {
  if (textEnd < 0 || src[textEnd + 1] !== '(') return null;
  // Balanced parentheses belong to the URL, as in https://en.wikipedia.org/wiki/Mercury_(planet).
  let hrefEnd = -1;
  let parens = 0;
  // No URL is longer than the model allows, so the search for its end stops there.
  const searchEnd = Math.min(end, textEnd + 2 + limits.url);
  for (let j = textEnd + 2; j < searchEnd; j++) {
    if (src[j] === '(') {
      parens += 1;
    } else if (src[j] === ')') {
      if (parens === 0) {
        hrefEnd = j;
        break;
      }
      parens -= 1;
    }
  }
  if (hrefEnd < 0) return null;
  const href = src.slice(textEnd + 2, hrefEnd).trim();
  if (!href || /\s/.test(href)) return null;
  return { textEnd, href, end: hrefEnd + 1 };
}

/** The words a reader sees, without markup: for word counts, excerpts and search. */
export function plainTextOf(nodes: InlineNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : plainTextOf(n.children))).join('');
}

export function inlineToPlainText(source: string): string {
  return plainTextOf(parseInline(source));
}
