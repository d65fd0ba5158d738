import { type InlineNode, parseInline } from '@newsroom/domain';

/**
 * Inline text as the editor holds it: a flat list of pieces of text, each with its marks.
 * The model nests strong, emphasis and links as a tree; ProseMirror holds a set of marks on
 * each piece of text. Runs are the meeting point: both sides convert to and from them.
 */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  /** The link's address, or null outside links. */
  href: string | null;
}

/** The runs a source string shows in the editor: what parseInline reads, flattened. */
export function runsOfSource(source: string): Run[] {
  const runs: Run[] = [];
  flatten(parseInline(source), { bold: false, italic: false, href: null }, runs);
  return mergedRuns(runs);
}

function flatten(nodes: InlineNode[], marks: Omit<Run, 'text'>, out: Run[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out.push({ text: node.text, ...marks });
        break;
      case 'strong':
        flatten(node.children, { ...marks, bold: true }, out);
        break;
      case 'emphasis':
        flatten(node.children, { ...marks, italic: true }, out);
        break;
      case 'link':
        // A link inside a link cannot be held by ProseMirror (a link mark excludes another):
        // the inner one is what a reader would follow, so it wins.
        flatten(node.children, { ...marks, href: node.href }, out);
        break;
    }
  }
}

export function sameMarks(a: Omit<Run, 'text'>, b: Omit<Run, 'text'>): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.href === b.href;
}

/** Drops empty runs and joins neighbours with the same marks, so equal content has one form. */
export function mergedRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (!run.text) continue;
    const last = out.at(-1);
    if (last && sameMarks(last, run)) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

export function runsEqual(a: readonly Run[], b: readonly Run[]): boolean {
  const x = mergedRuns(a);
  const y = mergedRuns(b);
  return x.length === y.length && x.every((run, i) => run.text === y[i]?.text && sameMarks(run, y[i]));
}

export function plainTextOfRuns(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}
