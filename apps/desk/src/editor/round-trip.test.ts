import type { JSONContent } from '@tiptap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyToDoc } from './body-to-doc';
import { canonicalRuns } from './canonical-runs';
import { docToBody } from './doc-to-body';
import { editorSchema } from './editor-extensions';
import { type Run, runsEqual, runsOfSource } from './inline-runs';
import { arbitraryBody, arbitraryDoc } from './testing/arbitrary-body';

/** A valid document in its normal form: the schema accepts it and gives the same JSON back. */
function expectValidDoc(doc: JSONContent) {
  const node = editorSchema.nodeFromJSON(doc);
  node.check();
  expect(node.toJSON()).toEqual(doc);
}

/** The runs of every text-holding node, in document order. */
function textBlocksOf(doc: JSONContent): { runs: Run[]; source: unknown }[] {
  const out: { runs: Run[]; source: unknown }[] = [];
  const walk = (node: JSONContent) => {
    if (['paragraph', 'heading', 'quoteText'].includes(node.type ?? '')) {
      const runs = (node.content ?? []).map((child) => {
        const marks = child.marks ?? [];
        return {
          text: child.text ?? '',
          bold: marks.some((m) => m.type === 'bold'),
          italic: marks.some((m) => m.type === 'italic'),
          href: (marks.find((m) => m.type === 'link')?.attrs?.href as string | undefined) ?? null,
        };
      });
      out.push({ runs, source: node.attrs?.source });
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return out;
}

/** Per character, bold and italic only where they show (not on whitespace). */
function perChar(runs: readonly Run[]) {
  return runs.flatMap((run) =>
    [...run.text].map((ch) => {
      const visible = !/\s/u.test(ch);
      return { ch, bold: visible && run.bold, italic: visible && run.italic, href: run.href };
    }),
  );
}

describe('an article body in the editor', () => {
  it('opens as a valid document and saves back unchanged, whatever its inline source', () => {
    fc.assert(
      fc.property(arbitraryBody(), (body) => {
        const doc = bodyToDoc(body);
        expectValidDoc(doc);
        expect(docToBody(doc)).toEqual({ body, problems: [], warnings: [] });
      }),
      { numRuns: 1500 },
    );
  });

  it('saves an edited document without losing text, links or the bold and italic a reader sees', () => {
    fc.assert(
      fc.property(arbitraryDoc(), (doc) => {
        expectValidDoc(doc);
        const saved = docToBody(doc);
        expect(saved.problems).toEqual([]);
        const reopened = bodyToDoc(saved.body);
        expectValidDoc(reopened);
        const before = textBlocksOf(doc).map(({ runs, source }) =>
          typeof source === 'string' && runsEqual(runsOfSource(source), runs) ? runs : canonicalRuns(runs),
        );
        const after = textBlocksOf(reopened).map(({ runs }) => runs);
        expect(after.length).toBe(before.length);
        after.forEach((runs, n) => {
          const got = perChar(runs);
          const want = perChar(before[n] ?? []);
          expect(got.map(({ ch, href }) => [ch, href])).toEqual(want.map(({ ch, href }) => [ch, href]));
          if (saved.warnings.length === 0) expect(got).toEqual(want);
          else
            got.forEach(({ bold, italic }, i) => {
              if (bold) expect(want[i]?.bold).toBe(true);
              if (italic) expect(want[i]?.italic).toBe(true);
            });
        });
      }),
      // Each run builds, saves and reopens a whole document: 400 keep this test a few seconds
      // long even on a busy machine, and a new seed each run covers more over time.
      { numRuns: 400 },
    );
  });

  it('keeps a non-canonical source while the block is untouched, and writes canonical source once edited', () => {
    const body = [{ type: 'paragraph' as const, text: '_a_ and \\b [x](javascript:alert(1))' }];
    const doc = bodyToDoc(body);
    expect(docToBody(doc).body).toEqual(body);
    const paragraph = doc.content?.[0];
    paragraph?.content?.push({ type: 'text', text: '!' });
    // The unsafe link showed as its text alone, so that is what an edited block saves.
    expect(docToBody(doc).body).toEqual([{ type: 'paragraph', text: '*a* and \\b x!' }]);
  });

  it('drops empty paragraphs and list items, and an empty body opens as one empty paragraph', () => {
    expect(bodyToDoc([])).toEqual({ type: 'doc', content: [{ type: 'paragraph', attrs: { source: null } }] });
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { source: null }, content: [{ type: 'text', text: '   ' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', attrs: { source: null } }] },
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', attrs: { source: null }, content: [{ type: 'text', text: ' one ' }] },
              ],
            },
          ],
        },
        {
          type: 'orderedList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', attrs: { source: null } }] }],
        },
      ],
    };
    expectValidDoc(doc);
    expect(docToBody(doc)).toEqual({
      body: [{ type: 'list', style: 'bulleted', items: ['one'] }],
      problems: [],
      warnings: [],
    });
  });

  it('moves whitespace out of bold and italic, and escapes markers typed as text', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { source: null },
          content: [
            { type: 'text', text: 'Price ' },
            { type: 'text', text: ' 2*3 ', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'for [all]' },
          ],
        },
      ],
    };
    expect(docToBody(doc).body).toEqual([{ type: 'paragraph', text: 'Price  **2\\*3** for \\[all\\]' }]);
  });

  it('names each block the model refuses, and saves the rest', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'image',
          attrs: { src: null, alt: '', caption: null, credit: null, width: null, height: null },
        },
        {
          type: 'image',
          attrs: { src: 'javascript:x', alt: '', caption: null, credit: null, width: 1, height: 1 },
        },
        {
          type: 'quote',
          content: [
            { type: 'quoteText', attrs: { source: null } },
            { type: 'quoteAttribution', attrs: { source: null } },
          ],
        },
        {
          type: 'heading',
          attrs: { level: 2, source: null },
          content: [{ type: 'text', text: 'x'.repeat(301) }],
        },
        { type: 'seeAlso', attrs: { slug: 'Not A Slug', headline: 'Elsewhere' } },
        { type: 'paragraph', attrs: { source: null }, content: [{ type: 'text', text: 'Kept.' }] },
      ],
    };
    expectValidDoc(doc);
    const saved = docToBody(doc);
    expect(saved.body).toEqual([{ type: 'paragraph', text: 'Kept.' }]);
    expect(saved.problems).toEqual([
      'Block 1 (image): the image has no address (src)',
      'Block 2 (image): src: must be an http(s) URL or a path starting with /',
      'Block 3 (quote): the quote has no words; delete it or type them',
      expect.stringMatching(/^Block 4 \(heading\): text: .*300/),
      expect.stringMatching(/^Block 5 \(see also\): slug: /),
    ]);
  });

  it('warns when bold and italic crossing inside a word cannot be saved as they look', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { source: null },
          content: [
            { type: 'text', text: 'x' },
            { type: 'text', text: 'a', marks: [{ type: 'bold' }, { type: 'italic' }] },
            { type: 'text', text: 'b', marks: [{ type: 'italic' }] },
            { type: 'text', text: 'y' },
          ],
        },
      ],
    };
    const saved = docToBody(doc);
    expect(saved.problems).toEqual([]);
    expect(saved.warnings).toEqual([expect.stringMatching(/^Block 1 \(paragraph\): some bold or italic/)]);
    expect(
      runsOfSource((saved.body[0] as { text: string }).text)
        .map((r) => r.text)
        .join(''),
    ).toBe('xaby');
  });
});
