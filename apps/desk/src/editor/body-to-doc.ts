import type { Block } from '@newsroom/domain';
import type { JSONContent } from '@tiptap/core';
import { type Run, runsOfSource } from './inline-runs';

/**
 * The editor's document for an article body. Every text block keeps the source it came from
 * (attribute `source`), so that docToBody can save an untouched block exactly as it was. An
 * empty body opens as one empty paragraph, which saves as no block.
 */
export function bodyToDoc(body: readonly Block[]): JSONContent {
  const content = body.map(blockToNode);
  return { type: 'doc', content: content.length > 0 ? content : [textNode('paragraph', null)] };
}

function blockToNode(block: Block): JSONContent {
  switch (block.type) {
    case 'paragraph':
      return textNode('paragraph', block.text);
    case 'heading':
      return { ...textNode('heading', block.text), attrs: { level: block.level, source: block.text } };
    case 'quote':
      return {
        type: 'quote',
        content: [
          textNode('quoteText', block.text),
          withContent(
            { type: 'quoteAttribution', attrs: { source: block.attribution } },
            block.attribution ? [{ type: 'text', text: block.attribution }] : [],
          ),
        ],
      };
    case 'image':
      return {
        type: 'image',
        attrs: {
          src: block.src,
          alt: block.alt,
          caption: block.caption,
          credit: block.credit,
          width: block.width,
          height: block.height,
        },
      };
    case 'list':
      return {
        type: block.style === 'numbered' ? 'orderedList' : 'bulletList',
        content: block.items.map((item) => ({ type: 'listItem', content: [textNode('paragraph', item)] })),
      };
    case 'see-also':
      return { type: 'seeAlso', attrs: { slug: block.slug, headline: block.headline } };
    default:
      return unknownBlock(block);
  }
}

/** The compiler fails here when a block type is added without a node. */
function unknownBlock(block: never): never {
  throw new Error(`No editor node holds block ${JSON.stringify(block)}`);
}

function textNode(type: string, source: string | null): JSONContent {
  return withContent({ type, attrs: { source } }, source === null ? [] : inlineContent(runsOfSource(source)));
}

/** ProseMirror's JSON leaves out an empty content list; so does this, to compare equal. */
function withContent(node: JSONContent, content: JSONContent[]): JSONContent {
  return content.length > 0 ? { ...node, content } : node;
}

/** Text nodes with their marks, in the schema's mark order (link, bold, italic). */
export function inlineContent(runs: readonly Run[]): JSONContent[] {
  return runs.map((run) => {
    const marks: NonNullable<JSONContent['marks']> = [];
    if (run.href !== null) marks.push({ type: 'link', attrs: { href: run.href } });
    if (run.bold) marks.push({ type: 'bold' });
    if (run.italic) marks.push({ type: 'italic' });
    return marks.length > 0 ? { type: 'text', text: run.text, marks } : { type: 'text', text: run.text };
  });
}
