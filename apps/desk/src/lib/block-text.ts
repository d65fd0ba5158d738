import { type Block, inlineToPlainText } from '@newsroom/domain';

/** A block as plain text a person can compare: for the word-by-word comparison and the conflict screen. */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineToPlainText(block.text);
    case 'quote':
      return `“${inlineToPlainText(block.text)}”${block.attribution ? ` — ${block.attribution}` : ''}`;
    case 'list':
      return block.items.map((item) => `• ${inlineToPlainText(item)}`).join('\n');
    case 'image':
      return `[Picture: ${block.alt}${block.caption ? `. ${block.caption}` : ''}${block.credit ? ` (${block.credit})` : ''}]`;
    case 'see-also':
      return `See also: ${inlineToPlainText(block.headline)}`;
  }
}
