import { describe, expect, it } from 'vitest';
import type { Block } from './blocks.js';
import {
  imageSecondsOf,
  readableTextOf,
  readingTimeMinutes,
  wordCountOf,
  wordCountOfText,
  wordsPerMinute,
} from './reading-time.js';
import { image, paragraph, words } from './testing/fixtures.js';

describe('wordCountOfText', () => {
  it('counts English words', () => {
    expect(wordCountOfText('The quick brown fox jumps over the lazy dog.')).toBe(9);
  });

  it('counts contractions, abbreviations, hyphenated words and numbers as one word each', () => {
    expect(wordCountOfText("Don’t say U.S. officials' well-known 2025 plan")).toBe(7);
  });

  it('does not count punctuation, dashes or emoji', () => {
    expect(wordCountOfText('Yes — no … 🎉 !!! — ?')).toBe(2);
    expect(wordCountOfText('')).toBe(0);
    expect(wordCountOfText('   \n\t ')).toBe(0);
  });

  it('counts Chinese and Japanese per character', () => {
    expect(wordCountOfText('東京オリンピック')).toBe(8);
    expect(wordCountOfText('北京 上海')).toBe(4);
    expect(wordCountOfText('東京 in 2020')).toBe(4);
  });

  it('counts scripts with spaces per word, combining marks included', () => {
    expect(wordCountOfText('हिन्दी समाचार आज')).toBe(3);
    expect(wordCountOfText('Москва объявила режим ЧС')).toBe(4);
    expect(wordCountOfText('Sebastia\u0303o Salgado')).toBe(2);
  });
});

describe('wordCountOf', () => {
  it('does not count markup', () => {
    const body: Block[] = [
      paragraph(
        '**Breaking:** the *council* voted, [read the report](https://example.org/a-very-long-url-slug).',
      ),
    ];
    expect(wordCountOf(body)).toBe(7);
  });

  it('counts headings, quotes with their attribution, list items and image captions', () => {
    const body: Block[] = [
      { type: 'heading', level: 2, text: 'What happens next' },
      { type: 'quote', text: 'We will not back down', attribution: 'The mayor' },
      { type: 'list', style: 'bulleted', items: ['First point', 'Second *point*'] },
      image('Crowds gathered outside'),
    ];
    expect(wordCountOf(body)).toBe(3 + 5 + 2 + 4 + 3);
  });

  it('does not count image credits, alt text or see-also links', () => {
    const body: Block[] = [
      { ...image(null), alt: 'Many words of alt text here', credit: 'Photo: Jane Doe/Agency' },
      { type: 'see-also', slug: 'earlier', headline: 'An earlier story about this' },
    ];
    expect(wordCountOf(body)).toBe(0);
    expect(readableTextOf(body[1] as Block)).toBe('');
  });

  it('adds up the blocks', () => {
    expect(wordCountOf([paragraph(words(100)), paragraph(words(30))])).toBe(130);
    expect(wordCountOf([])).toBe(0);
  });
});

describe('imageSecondsOf', () => {
  it('gives 12 seconds for the first image and one less for each next one, never under 3', () => {
    expect([0, 1, 2, 3].map(imageSecondsOf)).toEqual([0, 12, 23, 33]);
    // 12 + 11 + … + 3 for the first ten images, then 3 each.
    expect(imageSecondsOf(10)).toBe(75);
    expect(imageSecondsOf(11)).toBe(78);
    expect(imageSecondsOf(20)).toBe(105);
  });
});

describe('readingTimeMinutes', () => {
  it('reads at 230 words a minute', () => {
    expect(wordsPerMinute).toBe(230);
  });

  it('is at least one minute, even for an empty body', () => {
    expect(readingTimeMinutes([])).toBe(1);
    expect(readingTimeMinutes([paragraph('Short.')])).toBe(1);
  });

  it('rounds up to whole minutes', () => {
    expect(readingTimeMinutes([paragraph(words(230))])).toBe(1);
    expect(readingTimeMinutes([paragraph(words(231))])).toBe(2);
    expect(readingTimeMinutes([paragraph(words(460))])).toBe(2);
    expect(readingTimeMinutes([paragraph(words(461))])).toBe(3);
    expect(readingTimeMinutes([paragraph(words(2300))])).toBe(10);
  });

  it('adds time for images', () => {
    // 220 words is 57.4 seconds; one image (12 s) takes it past a minute.
    expect(readingTimeMinutes([paragraph(words(220))])).toBe(1);
    expect(readingTimeMinutes([paragraph(words(220)), image()])).toBe(2);
    // 230 words (60 s) and ten images (75 s) make 135 s.
    const tenImages = Array.from({ length: 10 }, () => image());
    expect(readingTimeMinutes([paragraph(words(230)), ...tenImages])).toBe(3);
  });

  it('counts images outside the body, such as the hero image, when asked', () => {
    const body = [paragraph(words(225))];
    expect(readingTimeMinutes(body)).toBe(1);
    expect(readingTimeMinutes(body, 1)).toBe(2);
  });

  it('follows the documented rule for any mix of words and images', () => {
    for (let w = 0; w <= 2000; w += 37) {
      for (let n = 0; n <= 15; n++) {
        const body = [paragraph(words(w) || 'x'), ...Array.from({ length: n }, () => image())];
        const seconds = ((w || 1) * 60) / 230 + imageSecondsOf(n);
        expect(readingTimeMinutes(body), `${w} words, ${n} images`).toBe(
          Math.max(1, Math.ceil(seconds / 60)),
        );
      }
    }
  });

  it('never goes down as words or images are added', () => {
    let previous = readingTimeMinutes([]);
    const body: Block[] = [];
    for (let i = 0; i < 60; i++) {
      body.push(i % 3 === 0 ? image('A caption') : paragraph(words(50)));
      const next = readingTimeMinutes(body);
      expect(next).toBeGreaterThanOrEqual(previous);
      previous = next;
    }
    expect(previous).toBeGreaterThan(readingTimeMinutes([paragraph(words(50))]));
  });
});
