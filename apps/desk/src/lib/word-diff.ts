import { type Article, type Block, inlineToPlainText } from '@newsroom/domain';
import { diffWords } from 'diff';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** The text of one block as a reader reads it, for comparing versions. */
function blockText(block: Block): string {
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

/** The parts of a story a comparison shows, each as plain text. */
export function comparableTextOf(article: Pick<Article, 'headline' | 'standfirst' | 'body'>) {
  return [
    { label: 'Headline', text: article.headline },
    { label: 'Standfirst', text: article.standfirst ?? '' },
    { label: 'Body', text: article.body.map(blockText).join('\n\n') },
  ];
}

/**
 * Word by word, what changed from `before` to `after`. Two versions too different to compare
 * within the time allowed come back as all removed, then all added.
 */
export function wordDiff(before: string, after: string, timeoutMs = 2_000): DiffPart[] {
  const changes = diffWords(before, after, { timeout: timeoutMs });
  if (!changes) {
    return [
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ].filter((part) => part.text !== '') as DiffPart[];
  }
  return changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
