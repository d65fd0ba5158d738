import { describe, expect, it } from 'vitest';
import type { Block } from './blocks.js';
import { excerptOf, truncateAtWord } from './excerpt.js';
import { image, paragraph, pick, prng } from './testing/fixtures.js';

const longText =
  'The city council voted on Tuesday to close the old bridge to cars from next spring, after engineers warned ' +
  'that its steel frame had corroded faster than expected, and promised a new crossing for buses, bicycles and ' +
  'people on foot within five years.';

describe('excerptOf', () => {
  it('prefers the standfirst', () => {
    const body = [paragraph('The first paragraph.')];
    expect(excerptOf({ standfirst: 'What happened, in one line.', body })).toBe(
      'What happened, in one line.',
    );
  });

  it('uses the first paragraph when there is no standfirst', () => {
    const body: Block[] = [
      image('A caption'),
      { type: 'heading', level: 2, text: 'A heading' },
      paragraph('The first paragraph.'),
      paragraph('The second paragraph.'),
    ];
    expect(excerptOf({ standfirst: null, body })).toBe('The first paragraph.');
    expect(excerptOf({ standfirst: '   ', body })).toBe('The first paragraph.');
  });

  it('is empty when there is neither a standfirst nor a paragraph', () => {
    expect(excerptOf({ standfirst: null, body: [] })).toBe('');
    expect(excerptOf({ standfirst: null, body: [image('Only a picture')] })).toBe('');
  });

  it('strips inline markup', () => {
    const body = [paragraph('**Breaking:** the *council* voted, says [the report](https://example.org/r).')];
    expect(excerptOf({ standfirst: null, body })).toBe('Breaking: the council voted, says the report.');
  });

  it('collapses whitespace', () => {
    expect(excerptOf({ standfirst: '  One\n\ntwo\t three  ', body: [] })).toBe('One two three');
  });

  it('leaves short text untouched', () => {
    expect(excerptOf({ standfirst: 'Short and sweet.', body: [] })).toBe('Short and sweet.');
  });

  it('cuts long text at a word boundary with an ellipsis, within 200 characters by default', () => {
    const excerpt = excerptOf({ standfirst: null, body: [paragraph(longText)] });
    expect(excerpt).toBe(
      'The city council voted on Tuesday to close the old bridge to cars from next spring, after engineers warned ' +
        'that its steel frame had corroded faster than expected, and promised a new crossing for…',
    );
    expect([...excerpt].length).toBeLessThanOrEqual(200);
  });

  it('takes a maximum length', () => {
    expect(excerptOf({ standfirst: longText, body: [] }, 40)).toBe('The city council voted on Tuesday to…');
  });
});

describe('truncateAtWord', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateAtWord('exactly ten', 11)).toBe('exactly ten');
  });

  it('keeps a word that ends exactly where the ellipsis goes', () => {
    expect(truncateAtWord('aaaa bbbb cccc dddd', 15)).toBe('aaaa bbbb cccc…');
    expect(truncateAtWord('aaaa bbbb cccc dddd', 14)).toBe('aaaa bbbb…');
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(truncateAtWord('First, second; third: fourth', 15)).toBe('First, second…');
    expect(truncateAtWord('One — two — three — four', 8)).toBe('One…');
  });

  it('cuts inside a word only when a boundary would lose most of the text', () => {
    expect(truncateAtWord('Supercalifragilisticexpialidocious is long', 10)).toBe('Supercali…');
  });

  it('counts characters, never splitting an emoji or other astral character', () => {
    expect(truncateAtWord('😀'.repeat(30), 10)).toBe(`${'😀'.repeat(9)}…`);
    expect(truncateAtWord('𠀀𠀀𠀀 𠀀𠀀𠀀 𠀀𠀀𠀀', 8)).toBe('𠀀𠀀𠀀 𠀀𠀀𠀀…');
    expect(truncateAtWord('𠀀𠀀𠀀 𠀀𠀀𠀀 𠀀𠀀𠀀', 7)).toBe('𠀀𠀀𠀀…');
  });

  it('property: always within the limit, a prefix of the text, and ending in an ellipsis when cut', () => {
    const random = prng(42);
    const pieces = ['word', 'a', 'longerword', ' ', ' ', ',', '.', '—', '😀', 'Москва', '東京', 'हिन्दी'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: Math.floor(random() * 60) }, () => pick(random, pieces)).join('');
      const max = 2 + Math.floor(random() * 80);
      const out = truncateAtWord(text, max);
      expect([...out].length, JSON.stringify({ text, max })).toBeLessThanOrEqual(max);
      if ([...text].length <= max) {
        expect(out).toBe(text);
      } else {
        expect(out.endsWith('…')).toBe(true);
        expect(text.startsWith(out.slice(0, -1))).toBe(true);
      }
    }
  });
});
