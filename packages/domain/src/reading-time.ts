import type { Block } from './blocks.js';
import { inlineToPlainText } from './inline-text.js';

/**
 * Newsroom's reading-time rule: 230 words a minute (adult silent reading of non-fiction is
 * 200–260), plus 12 seconds for the first image, one second less for each next one, never
 * under 3 seconds; rounded up to whole minutes, at least 1.
 */
export const wordsPerMinute = 230;

/** Scripts written without spaces count one word per character. */
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const word = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;

export function wordCountOfText(text: string): number {
  let count = 0;
  for (const match of text.matchAll(word)) {
    const w = match[0];
    count += unspacedScript.test(w) ? [...w].filter((ch) => unspacedScript.test(ch)).length : 1;
  }
  return count;
}

/** The text a reader reads in a block (image captions included, credits not). */
export function readableTextOf(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineToPlainText(block.text);
    case 'quote':
      return [inlineToPlainText(block.text), block.attribution ?? ''].join(' ');
    case 'list':
      return block.items.map(inlineToPlainText).join(' ');
    case 'image':
      return block.caption ?? '';
    case 'see-also':
      // A link to another story: not part of this one's reading.
      return '';
  }
}

export function wordCountOf(body: readonly Block[]): number {
  return body.reduce((sum, block) => sum + wordCountOfText(readableTextOf(block)), 0);
}

export function imageSecondsOf(imageCount: number): number {
  let seconds = 0;
  for (let i = 0; i < imageCount; i++) seconds += Math.max(3, 12 - i);
  return seconds;
}

export function readingTimeMinutes(body: readonly Block[], extraImages = 0): number {
  const images = body.filter((b) => b.type === 'image').length + extraImages;
  const seconds = (wordCountOf(body) / wordsPerMinute) * 60 + imageSecondsOf(images);
  return Math.max(1, Math.ceil(seconds / 60));
}
