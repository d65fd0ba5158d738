import { type InlineNode, isSafeHref, limits, parseInline, plainTextOf } from '@newsroom/domain';

/**
 * Plain copy as inline text: backslash-escapes the characters the domain's inline subset reads
 * as markup (`*`, `_`, `[`, `]`, `\`), so "snake_case" or "[sic]" stay words and not emphasis
 * or links. `inlineToPlainText` gives the original text back.
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\*_[\]]/g, '\\$&');
}

/**
 * A safe link target for the inline subset, or null (javascript:, data:, too long, …). A
 * relative address in someone else's copy is relative to their site: it is made absolute with
 * `base`, or refused without one. Only `sitePaths` (copy written for this site, such as
 * Markdown) keeps "/path" as a path on this site.
 */
export function safeHref(
  href: string,
  base: string | null,
  options: { sitePaths?: boolean } = {},
): string | null {
  let url = href.trim();
  if (!url) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(url);
  if (!hasScheme && options.sitePaths && url.startsWith('/') && !url.startsWith('//')) {
    // A path on this site, as written.
  } else if (!hasScheme && base) {
    try {
      url = new URL(url, base).href;
    } catch {
      return null;
    }
  } else if (!hasScheme) {
    return null;
  }
  if (!isSafeHref(url) || url.length > limits.url) return null;
  return url;
}

const asciiSpace = /[ \t\n\r\f\v]+/g;

/**
 * Inline source text in the domain's subset for a tree of inline nodes (from Markdown or HTML),
 * or the escaped plain text when the subset cannot express the formatting. Whitespace runs
 * (not no-break spaces) collapse to one space, as they do on a page.
 */
export function inlineSourceOf(nodes: InlineNode[]): { text: string; formattingDropped: boolean } {
  const tidy = trimEdges(normalize(nodes));
  const plain = plainTextOf(tidy);
  for (const emphasis of ['*', '_'] as const) {
    const text = render(tidy, emphasis);
    // Markers that read differently in context (`*a***b**`) would show as stray asterisks:
    // only output that reads back as the same words is kept.
    if (plainTextOf(parseInline(text)) === plain) return { text, formattingDropped: false };
  }
  return { text: escapeInline(plain), formattingDropped: true };
}

function render(nodes: InlineNode[], emphasis: '*' | '_'): string {
  return nodes.map((node) => renderNode(node, emphasis)).join('');
}

function renderNode(node: InlineNode, emphasis: '*' | '_'): string {
  switch (node.kind) {
    case 'text':
      return escapeInline(node.text);
    case 'strong':
      return `**${render(node.children, emphasis)}**`;
    case 'emphasis':
      return `${emphasis}${render(node.children, emphasis)}${emphasis}`;
    case 'link':
      return `[${render(node.children, emphasis)}](${encodeHref(node.href)})`;
  }
}

/** Characters the inline parser would read as the end of a link or as another bracket. */
function encodeHref(href: string): string {
  // encodeURIComponent leaves ( and ) alone, so those are written out by hand.
  return href.replace(/[\s()[\]\\]/g, (ch) =>
    ch.charCodeAt(0) < 0x80
      ? `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(ch),
  );
}

/**
 * Merges neighbouring text, collapses whitespace, unwraps empty or doubled formatting
 * (emphasis inside emphasis, a link inside a link) and moves spaces at the edges of formatting
 * outside the markers, where the inline subset needs them.
 */
function normalize(nodes: InlineNode[], inside: ReadonlySet<string> = new Set()): InlineNode[] {
  const out: InlineNode[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text = (last.text + text).replace(asciiSpace, ' ');
    else out.push({ kind: 'text', text: text.replace(asciiSpace, ' ') });
  };
  for (const node of nodes) {
    if (node.kind === 'text') {
      pushText(node.text);
      continue;
    }
    if (node.kind === 'link' && !isSafeHref(node.href)) {
      for (const child of normalize(node.children, inside)) {
        if (child.kind === 'text') pushText(child.text);
        else out.push(child);
      }
      continue;
    }
    const children = normalize(node.children, new Set([...inside, node.kind]));
    if (inside.has(node.kind)) {
      for (const child of children) {
        if (child.kind === 'text') pushText(child.text);
        else out.push(child);
      }
      continue;
    }
    const first = children[0];
    if (first?.kind === 'text' && /^ /.test(first.text)) {
      pushText(' ');
      first.text = first.text.slice(1);
      if (!first.text) children.shift();
    }
    const last = children.at(-1);
    let trailing = '';
    if (last?.kind === 'text' && / $/.test(last.text)) {
      trailing = ' ';
      last.text = last.text.slice(0, -1);
      if (!last.text) children.pop();
    }
    if (plainTextOf(children).trim()) out.push({ ...node, children } as InlineNode);
    pushText(trailing);
  }
  return out;
}

function trimEdges(nodes: InlineNode[]): InlineNode[] {
  const first = nodes[0];
  if (first?.kind === 'text') first.text = first.text.replace(/^ +/, '');
  const last = nodes.at(-1);
  if (last?.kind === 'text') last.text = last.text.replace(/ +$/, '');
  return nodes.filter((n) => n.kind !== 'text' || n.text);
}
