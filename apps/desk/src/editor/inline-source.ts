import { isSpace } from './canonical-runs';
import { mergedRuns, type Run, runsEqual, runsOfSource } from './inline-runs';

/**
 * Writes runs as inline source (packages/domain/src/inline-text.ts) that parseInline reads
 * back to the same runs.
 *
 * The syntax cannot say everything the editor can: `***` always opens strong first, `_`
 * neither opens after nor closes before a letter, two markers side by side read as one run,
 * an address inside `*…*` may hold a `*`. So each piece is written in a few shapes, in order
 * of how a person would write it (links inside bold and italic, the longer mark outside, `*`
 * before `_`), and the first shape that reads back the same is kept. When none does (bold
 * and italic crossing inside one word, say), the bold and italic that can be kept are, the
 * longest first, and `kept` is false. Bold or italic on whitespace shows nothing, so it may go
 * where that lets the rest be written: `kept` speaks of every other character.
 *
 * Input: runs as canonicalRuns gives them (no mark starts or ends on whitespace).
 */
export function sourceOfRuns(runs: readonly Run[]): { source: string; kept: boolean } {
  let kept = true;
  let source = '';
  const written: Run[] = [];
  const write = (piece: Piece, relaxed: boolean) => {
    if (piece.kind === 'space') {
      source += piece.text;
      written.push({ text: piece.text, bold: false, italic: false, href: null });
      return;
    }
    const exact = firstShapeThatReadsBack(piece.runs);
    if (exact !== null) {
      source += exact;
      written.push(...piece.runs);
    } else if (!relaxed) {
      // Bold or italic on a space shows nothing, and letting it go splits the piece at its
      // spaces (`**a *b** c*` cannot be written; `**a** ***b*** *c*` can).
      for (const part of piecesOf(withoutMarksOnSpaces(piece.runs))) write(part, true);
    } else {
      kept = false;
      const most = withMostFormatting(piece.runs);
      source += most.source;
      written.push(...most.runs);
    }
  };
  for (const piece of piecesOf(mergedRuns(runs))) write(piece, false);
  // Each piece reads back alone, and plain whitespace between pieces cannot join their
  // markers; reading the whole once more costs one pass and guards that reasoning.
  if (!runsEqual(runsOfSource(source), written)) {
    return { source: runs.map((run) => escapedText(run.text)).join(''), kept: false };
  }
  return { source, kept };
}

function withoutMarksOnSpaces(runs: Run[]): Run[] {
  return mergedRuns(
    runs.flatMap((run) =>
      run.text
        .split(/(\s+)/u)
        .map((text) => (isSpace(text[0]) ? { ...run, text, bold: false, italic: false } : { ...run, text })),
    ),
  );
}

type Piece = { kind: 'space'; text: string } | { kind: 'marked'; runs: Run[] };

/** Splits at whitespace that carries no mark: no marker or link can cross it. */
function piecesOf(runs: Run[]): Piece[] {
  const pieces: Piece[] = [];
  let current: Run[] = [];
  const flush = () => {
    if (current.length > 0) pieces.push({ kind: 'marked', runs: mergedRuns(current) });
    current = [];
  };
  for (const run of runs) {
    if (run.bold || run.italic || run.href !== null) {
      current.push(run);
      continue;
    }
    for (const part of run.text.split(/(\s+)/u)) {
      if (!part) continue;
      if (isSpace(part[0])) {
        flush();
        pieces.push({ kind: 'space', text: part });
      } else {
        current.push({ ...run, text: part });
      }
    }
  }
  flush();
  return pieces;
}

interface Shape {
  links: 'inside' | 'outermost';
  /** When marks start together, does the one that lasts longer go outside? */
  order: 'longer-outside' | 'shorter-outside';
  markers: 'stars' | 'underscore-italic' | 'underscore-bold' | 'underscores' | 'alternating';
}

/*
 * The structures worth trying, in order; with bold outside italic when both last as long.
 * (Over 40,000 generated pieces, putting italic outside instead, or links outermost with the
 * shorter mark outside, never wrote one that these could not.)
 */
const shapes: Shape[] = (
  [
    ['inside', 'longer-outside'],
    ['inside', 'shorter-outside'],
    ['outermost', 'longer-outside'],
  ] as const
).flatMap(([links, order]) =>
  (['stars', 'underscore-italic', 'underscore-bold', 'underscores', 'alternating'] as const).map(
    (markers) => ({
      links,
      order,
      markers,
    }),
  ),
);

function firstShapeThatReadsBack(runs: Run[]): string | null {
  const tried = new Set<string>();
  // Reading a long stretch of scattered markers back is slow (each opener looks far for its
  // closer): a long piece gets the usual shape alone, or else loses its bold and italic.
  const length = runs.reduce((sum, run) => sum + run.text.length, 0);
  const formatted = runs.some((run) => run.bold || run.italic);
  for (const shape of length > maxGreedyChars && formatted ? shapes.slice(0, 1) : shapes) {
    const source = written(runs, shape);
    if (tried.has(source)) continue;
    tried.add(source);
    if (runsEqual(runsOfSource(source), runs)) return source;
  }
  return null;
}

/**
 * Keeps every link and as much bold and italic as reads back: the longest stretches first.
 * Without bold and italic a piece always reads back (text escaped, links whole).
 */
function withMostFormatting(runs: Run[]): { source: string; runs: Run[] } {
  const chars: Run[] = [];
  for (const run of runs) for (const ch of run.text) chars.push({ ...run, text: ch });
  let stretches = [...stretchesOf(chars, 'bold'), ...stretchesOf(chars, 'italic')].sort(
    (a, b) => b.end - b.start - (a.end - a.start),
  );
  // Each stretch tried costs a few readings of the piece: past these sizes (a long word of
  // scattered formatting, never typed by hand) the piece keeps its links and text only, so
  // saving stays quick.
  if (chars.length > maxGreedyChars || stretches.length > maxGreedyStretches) stretches = [];
  const plain = chars.map((ch) => ({ ...ch, bold: false, italic: false }));
  let source = firstShapeThatReadsBack(mergedRuns(plain));
  if (source === null) {
    // Not expected (text is escaped, addresses are linkHrefOf's); plain text is the floor.
    for (const ch of plain) ch.href = null;
    source = plain.map((ch) => escapedText(ch.text)).join('');
  }
  for (const stretch of stretches) {
    const attempt = plain.map((ch, i) =>
      i >= stretch.start && i < stretch.end ? { ...ch, [stretch.mark]: true } : ch,
    );
    const found = firstShapeThatReadsBack(mergedRuns(attempt));
    if (found === null) continue;
    source = found;
    plain.splice(0, plain.length, ...attempt);
  }
  return { source, runs: mergedRuns(plain) };
}

const maxGreedyChars = 400;
const maxGreedyStretches = 24;

function stretchesOf(chars: Run[], mark: 'bold' | 'italic') {
  const stretches: { mark: 'bold' | 'italic'; start: number; end: number }[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (!chars[i]?.[mark]) continue;
    let end = i;
    while (end < chars.length && chars[end]?.[mark]) end += 1;
    stretches.push({ mark, start: i, end });
    i = end;
  }
  return stretches;
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open' | 'close'; mark: 'bold' | 'italic'; id: number }
  | { kind: 'link-open' }
  | { kind: 'link-close'; href: string };

type MarkKey = 'link' | 'bold' | 'italic';

function has(run: Run, key: MarkKey, href: string | null): boolean {
  if (key === 'link') return run.href !== null && run.href === href;
  return run[key];
}

/** The tokens of runs nested as `shape` says: a stack of open marks, closed and reopened as needed. */
function tokensOf(runs: Run[], shape: Shape): Token[] {
  const tokens: Token[] = [];
  const stack: { key: MarkKey; id: number; href: string | null }[] = [];
  let nextId = 0;
  const close = (from: number) => {
    while (stack.length > from) {
      const top = stack.pop();
      if (!top) break;
      if (top.key === 'link') tokens.push({ kind: 'link-close', href: top.href ?? '' });
      else tokens.push({ kind: 'close', mark: top.key, id: top.id });
    }
  };
  runs.forEach((run, index) => {
    const firstGone = stack.findIndex((entry) => !has(run, entry.key, entry.href));
    if (firstGone >= 0) close(firstGone);
    const wanted: MarkKey[] = [];
    if (run.href !== null && !stack.some((e) => e.key === 'link')) wanted.push('link');
    if (run.bold && !stack.some((e) => e.key === 'bold')) wanted.push('bold');
    if (run.italic && !stack.some((e) => e.key === 'italic')) wanted.push('italic');
    if (wanted.includes('link') && shape.links === 'outermost' && stack.length > 0) {
      // The link goes under every open mark: close them, open it, reopen them inside it.
      for (const entry of stack) if (entry.key !== 'link') wanted.push(entry.key);
      close(0);
    }
    const lasts = (key: MarkKey) => {
      let end = index;
      while (end + 1 < runs.length && has(runs[end + 1] as Run, key, run.href)) end += 1;
      return end;
    };
    wanted.sort((a, b) => {
      if (shape.links === 'outermost' && (a === 'link' || b === 'link')) return a === 'link' ? -1 : 1;
      const longer = lasts(b) - lasts(a);
      if (longer !== 0) return shape.order === 'longer-outside' ? longer : -longer;
      if (a === 'link' || b === 'link') return a === 'link' ? -1 : 1;
      return a === 'bold' ? -1 : 1;
    });
    for (const key of wanted) {
      const id = nextId++;
      stack.push({ key, id, href: key === 'link' ? run.href : null });
      tokens.push(key === 'link' ? { kind: 'link-open' } : { kind: 'open', mark: key, id });
    }
    tokens.push({ kind: 'text', text: run.text });
  });
  close(0);
  return tokens;
}

function written(runs: Run[], shape: Shape): string {
  const tokens = tokensOf(runs, shape);
  const markers = markersFor(tokens, shape);
  return tokens
    .map((token, i) => {
      switch (token.kind) {
        case 'text': {
          // A piece ends before whitespace or at the end, where a `\` escapes nothing.
          const after = tokens[i + 1];
          return escapedText(
            token.text,
            after === undefined ? ' ' : after.kind === 'text' ? after.text : '*',
          );
        }
        case 'open':
        case 'close': {
          const ch = markers.get(token.id) ?? '*';
          return token.mark === 'bold' ? ch + ch : ch;
        }
        case 'link-open':
          return '[';
        default:
          return `](${token.href})`;
      }
    })
    .join('');
}

/** `*` or `_` for each bold or italic; `_` only where it can open and close (not inside a word). */
function markersFor(tokens: Token[], shape: Shape): Map<number, '*' | '_'> {
  const underscoreFits = new Map<number, boolean>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'open' && token.kind !== 'close') return;
    const neighbour = token.kind === 'open' ? lastChar(tokens[i - 1]) : firstChar(tokens[i + 1]);
    const fits = !isWordChar(neighbour);
    underscoreFits.set(token.id, (underscoreFits.get(token.id) ?? true) && fits);
  });
  const markers = new Map<number, '*' | '_'>();
  const prefer = (id: number, mark: 'bold' | 'italic'): '*' | '_' => {
    const wantsUnderscore =
      shape.markers === 'underscores' ||
      (shape.markers === 'underscore-italic' && mark === 'italic') ||
      (shape.markers === 'underscore-bold' && mark === 'bold');
    return wantsUnderscore && underscoreFits.get(id) ? '_' : '*';
  };
  tokens.forEach((token, i) => {
    if (token.kind !== 'open') return;
    let ch = prefer(token.id, token.mark);
    if (shape.markers === 'alternating' && underscoreFits.get(token.id)) {
      // Two markers side by side read as one run: switch to `_` beside a `*`.
      const before = tokens[i - 1];
      const touchesStar =
        (before?.kind === 'open' || before?.kind === 'close') && markers.get(before.id) === '*';
      const closing = tokens.findIndex((t) => t.kind === 'close' && t.id === token.id);
      const after = tokens[closing + 1];
      const closesBesideMarker = after?.kind === 'open' || after?.kind === 'close';
      if (touchesStar || closesBesideMarker) ch = '_';
    }
    markers.set(token.id, ch);
  });
  return markers;
}

function lastChar(token: Token | undefined): string | undefined {
  return token?.kind === 'text' ? token.text.at(-1) : undefined;
}

function firstChar(token: Token | undefined): string | undefined {
  return token?.kind === 'text' ? token.text[0] : undefined;
}

/** As inline-text.ts decides: `_` inside a word is no marker. */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

const escapable = new Set(['\\', '*', '_', '[', ']', '(', ')']);

/**
 * Text as source: `*`, `[` and `]` always escaped; `_` unless inside a word (where it is no
 * marker: snake_case stays as typed); `\` when what follows it would be read as escaped. `(`
 * and `)` only mean something right after a link's `]`, which text never is.
 */
export function escapedText(text: string, followedBy = '*'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = i + 1 < text.length ? text[i + 1] : followedBy[0];
    if (ch === '*' || ch === '[' || ch === ']') out += `\\${ch}`;
    else if (ch === '_') out += isWordChar(text[i - 1]) && isWordChar(text[i + 1]) ? '_' : '\\_';
    else if (ch === '\\') out += next !== undefined && !escapable.has(next) ? '\\' : '\\\\';
    else out += ch;
  }
  return out;
}
