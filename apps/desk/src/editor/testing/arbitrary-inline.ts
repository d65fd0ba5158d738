import fc from 'fast-check';
import type { Run } from '../inline-runs';

/**
 * Generators for the editor model's property tests: text that leans on what the inline syntax
 * treats specially (markers, escapes, brackets, parentheses, whitespace of every kind, letters
 * of other scripts and astral characters) and addresses that are awkward to write.
 */
const characters = [
  'a',
  'b',
  'x',
  'Z',
  '7',
  'é',
  '日',
  '😀',
  ' ',
  ' ',
  '\u00a0',
  '\n',
  '\t',
  '*',
  '_',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '.',
  ',',
  '!',
];

export const hrefs = [
  'https://example.com/',
  '/world/story',
  'mailto:desk@example.com',
  'https://en.wikipedia.org/wiki/Mercury_(planet)',
  'https://example.com/a_b*c',
  'https://example.com/*_*',
  'https://example.com/_x_',
  'https://example.com/(unbalanced',
  'https://example.com/unbalanced)',
  'https://example.com/a b',
  'https://example.com/[brackets]',
  'https://example.com/back\\slash',
  'javascript:alert(1)',
  'data:text/html,hi',
];

const trickyText = fc
  .array(fc.constantFrom(...characters), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(''));

/** Any text: mostly tricky characters, sometimes any Unicode. */
export const inlineText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: trickyText },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  );

const marks = fc.record({
  bold: fc.boolean(),
  italic: fc.boolean(),
  href: fc.option(fc.constantFrom(...hrefs), { freq: 3 }),
});

/** Runs with marks that start and stop anywhere, inside words too. */
export const arbitraryRuns = (maxRuns = 8): fc.Arbitrary<Run[]> =>
  fc.array(
    fc.tuple(inlineText(), marks).map(([text, m]) => ({ text, ...m })),
    { minLength: 1, maxLength: maxRuns },
  );

const word = fc
  .array(fc.constantFrom(...characters.filter((ch) => !/\s/.test(ch))), { minLength: 1, maxLength: 5 })
  .map((cs) => cs.join(''));

/**
 * Runs as a person formats them: whole words bold, italic or linked, the space between two
 * words sharing what both have.
 */
export const wordAlignedRuns = (): fc.Arbitrary<Run[]> =>
  fc.array(fc.tuple(word, marks), { minLength: 1, maxLength: 8 }).map((words) => {
    const runs: Run[] = [];
    words.forEach(([text, m], n) => {
      const previous = words[n - 1]?.[1];
      if (previous) {
        runs.push({
          text: ' ',
          bold: previous.bold && m.bold,
          italic: previous.italic && m.italic,
          href: previous.href === m.href ? m.href : null,
        });
      }
      runs.push({ text, ...m });
    });
    return runs;
  });
