import { describe, expect, it } from 'vitest';
import { limits } from './limits.js';
import { SlugSchema, slugify } from './slug.js';
import { pick, prng } from './testing/fixtures.js';

const rubio =
  'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov';

describe('slugify', () => {
  it('turns an English headline with curly quotes into a clean slug', () => {
    expect(slugify(rubio, limits.slug)).toBe(
      'despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks-with-lavrov',
    );
  });

  it('joins words across apostrophes instead of splitting them', () => {
    expect(slugify('Don’t look up: the world’s ‘biggest’ story')).toBe(
      'dont-look-up-the-worlds-biggest-story',
    );
    expect(slugify("Britain's PM says it isn't over")).toBe('britains-pm-says-it-isnt-over');
  });

  it('collapses punctuation, dashes and whitespace into single dashes, none at the ends', () => {
    expect(slugify('  — Breaking:   markets fall 3.5% — again!  ')).toBe('breaking-markets-fall-3-5-again');
    expect(slugify('Q&A / Part 2\n\tThe answers')).toBe('q-a-part-2-the-answers');
  });

  it.each([
    ['Sebastião Salgado', 'sebastiao-salgado'],
    ['Ærøskøbing', 'aeroskobing'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Việt Nam', 'viet-nam'],
    ['Þingvellir', 'thingvellir'],
    ['Œuvre complète', 'oeuvre-complete'],
    ['İstanbul', 'istanbul'],
    ['Đà Nẵng', 'da-nang'],
  ])('folds Latin diacritics: %s → %s', (headline, slug) => {
    expect(slugify(headline)).toBe(slug);
  });

  it.each([
    ['Cyrillic', 'Москва объявила ЧП', 'москва-объявила-чп'],
    ['Greek', 'Αθήνα: Νέα μέτρα', 'αθήνα-νέα-μέτρα'],
    ['Chinese and Japanese', '東京 オリンピック 2020', '東京-オリンピック-2020'],
    ['Arabic', 'مرحبا بالعالم', 'مرحبا-بالعالم'],
    ['Korean', '서울 시장 선거', '서울-시장-선거'],
  ])('keeps %s letters', (_script, headline, slug) => {
    expect(slugify(headline)).toBe(slug);
  });

  it('keeps Devanagari with its combining marks intact', () => {
    const slug = slugify('हिन्दी समाचार');
    expect(slug).toBe('हिन्दी-समाचार');
    // Virama and vowel signs are what make the words readable; folding them would garble them.
    expect(slug).toContain('\u094D');
    expect(slug).toContain('\u0940');
  });

  it('gives the same slug for composed and decomposed input', () => {
    expect(slugify('Sebastia\u0303o Salgado')).toBe(slugify('Sebasti\u00E3o Salgado'));
    expect(slugify('서울'.normalize('NFD'))).toBe(slugify('서울'));
  });

  it.each(['🎉🔥', '🇺🇦 🇷🇺', '!!!', '   ', ''])(
    'falls back to "untitled" when nothing sluggable is left: %j',
    (text) => {
      expect(slugify(text)).toBe('untitled');
    },
  );

  it('drops emoji around words', () => {
    expect(slugify('🔥 Hot take 🔥')).toBe('hot-take');
  });

  it('cuts long headlines at a word boundary within the default 80 characters', () => {
    const slug = slugify(rubio);
    expect(slug).toBe('despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks');
    expect(slug.length).toBeLessThanOrEqual(80);
  });

  it('never ends a cut slug with a partial word or a dash', () => {
    const full = slugify(rubio, limits.slug);
    // From 24 up, no word of the headline is longer than half the limit, so none is cut.
    for (let max = 24; max <= full.length; max++) {
      const slug = slugify(rubio, max);
      expect(slug.length).toBeLessThanOrEqual(max);
      expect(full.startsWith(slug)).toBe(true);
      expect(full.length === slug.length || full[slug.length] === '-').toBe(true);
      expect(slug.endsWith('-')).toBe(false);
    }
  });

  it('keeps a word that ends exactly at the limit', () => {
    expect(slugify('aaaa bbbb cccc dddd', 14)).toBe('aaaa-bbbb-cccc');
    expect(slugify('aaaa bbbb cccc dddd', 13)).toBe('aaaa-bbbb');
  });

  it('cuts inside a word only when the first word alone is too long', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(80));
    expect(slugify(`${'b'.repeat(70)} cccccccccccccccccccc`)).toBe('b'.repeat(70));
  });

  it('never goes past the slug limit, whatever length is asked for', () => {
    expect(slugify('word '.repeat(100), 1000).length).toBeLessThanOrEqual(limits.slug);
  });

  it('never cuts a character outside the Basic Multilingual Plane in half', () => {
    const slug = slugify(`${'a'.repeat(79)}𠀀𠀀`);
    expect(slug).toBe('a'.repeat(79));
    expect(SlugSchema.safeParse(slug).success).toBe(true);
    expect(slugify('𠀀𠀀𠀀', 4)).toBe('𠀀𠀀');
  });

  it('is stable: the same headline always gives the same slug', () => {
    const first = slugify(rubio);
    for (let i = 0; i < 5; i++) expect(slugify(rubio)).toBe(first);
  });

  describe('property: over varied generated text', () => {
    const pieces = [
      'a',
      'Z',
      'q',
      'news',
      'UPPER',
      '7',
      '2025',
      ' ',
      '  ',
      '\t',
      '\n',
      '-',
      '--',
      '—',
      '–',
      '_',
      '.',
      ',',
      ':',
      '!',
      '?',
      '/',
      '&',
      '%',
      '#',
      '@',
      '"',
      "'",
      '’',
      '‘',
      '“',
      '”',
      '«',
      '»',
      '(',
      ')',
      '[',
      ']',
      'é',
      'E\u0301',
      'ñ',
      'ß',
      'Æ',
      'ø',
      'Ł',
      'ı',
      'ǅ',
      'ﬁ',
      '½',
      '²',
      'Ⅻ',
      '①',
      'Москва',
      'Ελλάδα',
      'Σ',
      '東京',
      'オリンピック',
      '서울',
      'हिन्दी',
      'ক্ষ',
      'مرحبا',
      'שלום',
      'ไทย',
      '\u0301',
      '\u094D',
      '\u200D',
      '\u200B',
      '\uFEFF',
      '\u00A0',
      '\uD800',
      '\uDC00',
      '🎉',
      '👩‍👩‍👧',
      '🇺🇦',
      '𠀀',
      '𝒜',
      '𝟙',
    ];
    const random = prng(20250301);
    const cases = Array.from({ length: 400 }, () => {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pick(random, pieces)).join('');
      // From 8 up: below that even the "untitled" fallback would not fit.
      const max = 8 + Math.floor(random() * 140);
      return { text, max };
    });

    it('every slug passes SlugSchema and respects the length limit', () => {
      for (const { text, max } of cases) {
        for (const slug of [slugify(text), slugify(text, max)]) {
          expect(
            SlugSchema.safeParse(slug).success,
            `${JSON.stringify(text)} → ${JSON.stringify(slug)}`,
          ).toBe(true);
        }
        expect(slugify(text).length).toBeLessThanOrEqual(80);
        expect(slugify(text, max).length).toBeLessThanOrEqual(Math.min(max, limits.slug));
      }
    });

    it('a slug fed back in comes out unchanged', () => {
      for (const { text, max } of cases) {
        const slug = slugify(text, max);
        expect(slugify(slug, max), JSON.stringify(text)).toBe(slug);
      }
    });
  });
});

describe('SlugSchema', () => {
  it.each(['a', 'hello-world', 'covid-19', 'москва-2025', 'हिन्दी-समाचार', '東京', 'a'.repeat(limits.slug)])(
    'accepts %s',
    (slug) => {
      expect(SlugSchema.safeParse(slug).success).toBe(true);
    },
  );

  it.each([
    ['uppercase', 'Hello-world', 'slug must be lowercase letters, digits and single dashes'],
    ['uppercase Cyrillic', 'Москва', 'slug must be lowercase letters, digits and single dashes'],
    ['spaces', 'hello world', 'slug must be lowercase letters, digits and single dashes'],
    ['double dashes', 'hello--world', 'slug must be lowercase letters, digits and single dashes'],
    ['a leading dash', '-hello', 'slug must be lowercase letters, digits and single dashes'],
    ['a trailing dash', 'hello-', 'slug must be lowercase letters, digits and single dashes'],
    ['underscores', 'hello_world', 'slug must be lowercase letters, digits and single dashes'],
    ['emoji', 'hot-🔥', 'slug must be lowercase letters, digits and single dashes'],
    ['an empty string', '', 'slug must not be empty'],
    ['too long', 'a'.repeat(limits.slug + 1), `slug must be at most ${limits.slug} characters`],
  ])('refuses %s', (_what, slug, message) => {
    const result = SlugSchema.safeParse(slug);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });
});
