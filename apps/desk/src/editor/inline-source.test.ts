import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRuns } from './canonical-runs';
import { plainTextOfRuns, type Run, runsOfSource } from './inline-runs';
import { sourceOfRuns } from './inline-source';
import { linkHrefOf } from './link-href';
import { arbitraryRuns, hrefs, wordAlignedRuns } from './testing/arbitrary-inline';

const b = (text: string): Run => ({ text, bold: true, italic: false, href: null });
const i = (text: string): Run => ({ text, bold: false, italic: true, href: null });
const bi = (text: string): Run => ({ text, bold: true, italic: true, href: null });
const t = (text: string): Run => ({ text, bold: false, italic: false, href: null });
const a = (text: string, href: string, marks: Partial<Run> = {}): Run => ({
  text,
  bold: false,
  italic: false,
  href,
  ...marks,
});

/**
 * Per character: [text, bold, italic, href], to compare formatting whatever the run boundaries.
 * Bold and italic on whitespace show nothing, and the writer may let them go: not compared.
 */
function perChar(runs: readonly Run[]) {
  return runs.flatMap((run) =>
    [...run.text].map((ch) => {
      const visible = !/\s/u.test(ch);
      return [ch, visible && run.bold, visible && run.italic, run.href] as const;
    }),
  );
}

describe('writing runs as inline source', () => {
  it('writes what a person would write for ordinary formatting', () => {
    expect(sourceOfRuns([t('A '), b('bold'), t(' and '), i('italic'), t(' word.')])).toEqual({
      source: 'A **bold** and *italic* word.',
      kept: true,
    });
    expect(sourceOfRuns([t('See '), a('the report', 'https://example.com/r'), t('.')]).source).toBe(
      'See [the report](https://example.com/r).',
    );
    expect(sourceOfRuns([bi('both')]).source).toBe('***both***');
    expect(sourceOfRuns([b('a '), a('b', '/x', { bold: true }), b(' c')]).source).toBe('**a [b](/x) c**');
  });

  it('escapes markers typed as text, and leaves snake_case and lone parentheses alone', () => {
    const runs = [t('2 * 3 = 6, [sic] snake_case _x_ C:\\dir\\ (see \\*)')];
    const { source, kept } = sourceOfRuns(runs);
    expect(source).toBe('2 \\* 3 = 6, \\[sic\\] snake_case \\_x\\_ C:\\dir\\ (see \\\\\\*)');
    expect(kept).toBe(true);
    expect(runsOfSource(source)).toEqual(runs);
  });

  it('keeps emphasis inside a word and marks side by side apart', () => {
    for (const runs of [
      [t('un'), i('believ'), t('able')],
      [t('x'), b('y'), t('z')],
      [i('a'), b('b')],
      [b('a'), i('b')],
      [bi('a'), i('b'), t(' c')],
      [i('ab'), bi('cd'), b('ef')],
      [a('link', 'https://example.com/a_b*c', { italic: true }), i(' after')],
    ]) {
      const { source, kept } = sourceOfRuns(runs);
      expect(kept, source).toBe(true);
      expect(runsOfSource(source), source).toEqual(runs);
    }
  });

  it('says so when the syntax cannot hold the formatting, and keeps all the text and links', () => {
    // Bold-italic then italic inside one word: `x***a**b*y` opens strong first, `_` cannot close
    // before a letter: no source reads back as this.
    const runs = [t('x'), bi('a'), i('b'), t('y')];
    const { source, kept } = sourceOfRuns(runs);
    expect(kept).toBe(false);
    expect(plainTextOfRuns(runsOfSource(source))).toBe('xaby');
  });

  it('reads back every run exactly, or keeps text and links and drops only some bold or italic', () => {
    fc.assert(
      fc.property(arbitraryRuns(), (runs) => {
        const wanted = canonicalRuns(runs);
        const { source, kept } = sourceOfRuns(wanted);
        const got = perChar(runsOfSource(source));
        const want = perChar(wanted);
        expect(got.map(([ch, , , href]) => [ch, href])).toEqual(want.map(([ch, , , href]) => [ch, href]));
        if (kept) expect(got).toEqual(want);
        else
          got.forEach(([, bold, italic], n) => {
            if (bold) expect(want[n]?.[1]).toBe(true);
            if (italic) expect(want[n]?.[2]).toBe(true);
          });
      }),
      { numRuns: 2000 },
    );
  });

  it('always keeps formatting that starts and ends at word boundaries', () => {
    fc.assert(
      fc.property(wordAlignedRuns(), (runs) => {
        const wanted = canonicalRuns(runs);
        const { source, kept } = sourceOfRuns(wanted);
        expect(kept, source).toBe(true);
        expect(perChar(runsOfSource(source))).toEqual(perChar(wanted));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the text and links of a long word of scattered formatting', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const runs = Array.from({ length: 3000 }, (_, n) => ({
      text: 'abc*_'[n % 5] as string,
      bold: random() < 0.5,
      italic: random() < 0.5,
      href: random() < 0.1 ? 'https://example.com/*_' : null,
    }));
    const { source, kept } = sourceOfRuns(canonicalRuns(runs));
    expect(kept).toBe(false);
    expect(perChar(runsOfSource(source)).map(([ch, , , href]) => [ch, href])).toEqual(
      perChar(canonicalRuns(runs)).map(([ch, , , href]) => [ch, href]),
    );
  });

  it('keeps every address the model accepts, inside italic too, and drops the others', () => {
    for (const href of hrefs) {
      const { source, kept } = sourceOfRuns(canonicalRuns([i('x '), a('y', href, { italic: true })]));
      expect(kept).toBe(true);
      expect(runsOfSource(source).at(-1)?.href, source).toBe(linkHrefOf(href));
    }
  });
});
