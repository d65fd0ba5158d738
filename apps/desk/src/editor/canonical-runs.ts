import { mergedRuns, type Run } from './inline-runs';
import { linkHrefOf } from './link-href';

/**
 * The runs an edited block saves as, before they are written as source: what the model can
 * hold of what the editor shows.
 * - Whitespace at the block's edges goes (the model trims every text).
 * - Bold and italic never start or end on whitespace (`** a**` is no markup in the source
 *   syntax, as in CommonMark), so such whitespace moves outside the mark; a mark on
 *   whitespace alone goes.
 * - A link keeps an address the model accepts (linkHrefOf), or becomes plain text.
 */
export function canonicalRuns(runs: readonly Run[]): Run[] {
  const chars = charsOf(runs);
  let start = 0;
  let end = chars.length;
  while (start < end && isSpace(chars[start]?.ch)) start += 1;
  while (end > start && isSpace(chars[end - 1]?.ch)) end -= 1;
  const kept = chars.slice(start, end);
  trimMarkEdges(kept, 'bold');
  trimMarkEdges(kept, 'italic');
  return mergedRuns(kept.map(({ ch, marks }) => ({ text: ch, ...marks })));
}

interface Char {
  ch: string;
  marks: Omit<Run, 'text'>;
}

function charsOf(runs: readonly Run[]): Char[] {
  const chars: Char[] = [];
  for (const run of runs) {
    const href = run.href === null ? null : linkHrefOf(run.href);
    for (const ch of run.text) {
      // for…of walks code points: a surrogate pair stays one character, as a reader sees it.
      chars.push({ ch, marks: { bold: run.bold, italic: run.italic, href } });
    }
  }
  return chars;
}

function trimMarkEdges(chars: Char[], mark: 'bold' | 'italic'): void {
  let i = 0;
  while (i < chars.length) {
    if (!chars[i]?.marks[mark]) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < chars.length && chars[end]?.marks[mark]) end += 1;
    for (let j = i; j < end && isSpace(chars[j]?.ch); j++) setMark(chars, j, mark, false);
    for (let j = end - 1; j >= i && isSpace(chars[j]?.ch); j--) setMark(chars, j, mark, false);
    i = end;
  }
}

function setMark(chars: Char[], index: number, mark: 'bold' | 'italic', value: boolean): void {
  const char = chars[index];
  if (char) char.marks = { ...char.marks, [mark]: value };
}

/** What the model's trim and the source syntax count as whitespace (JavaScript's \s). */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /^\s$/u.test(ch);
}
