import type { Block } from './blocks.js';
import { inlineToPlainText } from './inline-text.js';

/**
 * A plain-text teaser for lists, feeds and meta descriptions: the standfirst when there is
 * one, else the first paragraph; cut at a word boundary with an ellipsis.
 */
export function excerptOf(
  article: { standfirst: string | null; body: readonly Block[] },
  maxLength = 200,
): string {
  const source = article.standfirst?.trim() || article.body.find((b) => b.type === 'paragraph')?.text || '';
  return truncateAtWord(inlineToPlainText(source).replace(/\s+/g, ' ').trim(), maxLength);
}

export function truncateAtWord(text: string, maxLength: number): string {
  const chars = [...text];
  if (chars.length <= maxLength) return text;
  const keep = Math.max(1, maxLength - 1);
  const cut = chars.slice(0, keep).join('');
  const lastSpace = cut.lastIndexOf(' ');
  // A word that ends exactly where the ellipsis goes is whole: keep it.
  const wholeWord = /\s/.test(chars[keep] ?? '');
  const kept = !wholeWord && lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut;
  return `${kept.replace(/[\s,;:.–—-]+$/u, '')}…`;
}
