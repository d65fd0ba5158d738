import { type Block, BlockSchema, BodySchema, issuesLine } from '@newsroom/domain';
import type { JSONContent } from '@tiptap/core';
import { canonicalRuns } from './canonical-runs';
import { type Run, runsEqual, runsOfSource } from './inline-runs';
import { sourceOfRuns } from './inline-source';

export interface DocToBodyResult {
  /** The blocks that are valid, in order; save it only when `problems` is empty. */
  body: Block[];
  /** What stops the body from being saved, one sentence each, naming the block. */
  problems: string[];
  /** What was saved differently from how it looked: bold or italic the model cannot hold. */
  warnings: string[];
}

/**
 * The article body for the editor's document. A text block still showing what its original
 * source parses to saves that source unchanged; an edited one saves canonical source (see
 * inline-source.ts). Empty paragraphs, headings and list items are dropped, as is a list with
 * no items left. A block the model refuses (an image without an address, text over its limit)
 * is left out of `body` and named in `problems`.
 */
export function docToBody(doc: JSONContent): DocToBodyResult {
  const result: DocToBodyResult = { body: [], problems: [], warnings: [] };
  (doc.content ?? []).forEach((node, index) => {
    const where = `Block ${index + 1} (${blockName(node.type)})`;
    const warn = (message: string) => result.warnings.push(`${where}: ${message}`);
    const block = blockOf(node, warn);
    if (block === null) return;
    if ('problem' in block) {
      result.problems.push(`${where}: ${block.problem}`);
      return;
    }
    const parsed = BlockSchema.safeParse(block);
    if (parsed.success) result.body.push(parsed.data);
    else result.problems.push(`${where}: ${issuesLine(parsed.error)}`);
  });
  const whole = BodySchema.safeParse(result.body);
  if (!whole.success) result.problems.push(`The body: ${issuesLine(whole.error)}`);
  return result;
}

type Warn = (message: string) => void;

function blockOf(node: JSONContent, warn: Warn): Block | { problem: string } | null {
  switch (node.type) {
    case 'paragraph': {
      const text = sourceOf(node, warn);
      return text === null ? null : { type: 'paragraph', text };
    }
    case 'heading': {
      const text = sourceOf(node, warn);
      const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2)) as 2 | 3 | 4;
      return text === null ? null : { type: 'heading', level, text };
    }
    case 'quote': {
      const words = node.content?.find((child) => child.type === 'quoteText');
      const text = words ? sourceOf(words, warn) : null;
      if (text === null) return { problem: 'the quote has no words; delete it or type them' };
      const by = node.content?.find((child) => child.type === 'quoteAttribution');
      return { type: 'quote', text, attribution: by ? attributionOf(by) : null };
    }
    case 'bulletList':
    case 'orderedList': {
      const items: string[] = [];
      for (const item of node.content ?? []) {
        for (const paragraph of item.content ?? []) {
          const text = sourceOf(paragraph, warn);
          if (text !== null) items.push(text);
        }
      }
      if (items.length === 0) return null;
      return { type: 'list', style: node.type === 'orderedList' ? 'numbered' : 'bulleted', items };
    }
    case 'image': {
      const attrs = node.attrs ?? {};
      if (!attrs.src) return { problem: 'the image has no address (src)' };
      if (!attrs.width || !attrs.height) return { problem: 'the image needs its width and height' };
      return {
        type: 'image',
        src: attrs.src,
        alt: attrs.alt ?? '',
        caption: attrs.caption ?? null,
        credit: attrs.credit ?? null,
        width: attrs.width,
        height: attrs.height,
      };
    }
    case 'seeAlso': {
      const headline = typeof node.attrs?.headline === 'string' ? node.attrs.headline.trim() : '';
      if (!headline) return { problem: 'the see-also link has no headline' };
      return { type: 'see-also', slug: node.attrs?.slug ?? null, headline };
    }
    default:
      return { problem: `the model has no block of type ${JSON.stringify(node.type)}` };
  }
}

/**
 * The inline source of a text block, or null when it shows nothing. The original source is
 * kept while the block shows exactly what it parses to, even a source that shows nothing
 * (`[](/x)`), so that opening and saving changes nothing.
 */
function sourceOf(node: JSONContent, warn: Warn): string | null {
  const runs = runsOf(node);
  const original = node.attrs?.source;
  if (typeof original === 'string' && original.trim() && runsEqual(runsOfSource(original), runs)) {
    return original;
  }
  const canonical = canonicalRuns(runs);
  if (canonical.length === 0) return null;
  const { source, kept } = sourceOfRuns(canonical);
  if (!kept) {
    warn(
      'some bold or italic inside a word could not be saved as it looks (the text and links are kept); check it',
    );
  }
  return source;
}

function runsOf(node: JSONContent): Run[] {
  return (node.content ?? []).flatMap((child) => {
    if (child.type !== 'text' || !child.text) return [];
    const marks = child.marks ?? [];
    const link = marks.find((mark) => mark.type === 'link');
    return [
      {
        text: child.text,
        bold: marks.some((mark) => mark.type === 'bold'),
        italic: marks.some((mark) => mark.type === 'italic'),
        href: typeof link?.attrs?.href === 'string' ? link.attrs.href : null,
      },
    ];
  });
}

/** The attribution as typed; null or '' as it was opened while it still shows nothing. */
function attributionOf(node: JSONContent): string | null {
  const text = (node.content ?? []).map((child) => child.text ?? '').join('');
  const original = node.attrs?.source;
  if ((typeof original === 'string' || original === null) && text === (original ?? '')) return original;
  return text.trim() || null;
}

function blockName(type: string | undefined): string {
  switch (type) {
    case 'bulletList':
      return 'bulleted list';
    case 'orderedList':
      return 'numbered list';
    case 'seeAlso':
      return 'see also';
    default:
      return type ?? 'unknown';
  }
}
