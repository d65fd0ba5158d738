import type { Article } from '@newsroom/domain';
import { diffWords } from 'diff';
import { blockText } from './block-text';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

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
