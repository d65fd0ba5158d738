import { z } from 'zod';
import { limits } from './limits.js';

/** Letters that do not decompose under NFKD but readers expect folded in a URL. */
const latinFolds: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};

/**
 * A lowercase, dash-separated slug: letters of any script, marks (needed by scripts such
 * as Devanagari) and digits, with Latin diacritics folded away.
 */
export const SlugSchema = z
  .string()
  .min(1, 'slug must not be empty')
  .max(limits.slug, `slug must be at most ${limits.slug} characters`)
  .regex(
    /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u,
    'slug must be lowercase letters, digits and single dashes',
  );
export type Slug = z.infer<typeof SlugSchema>;

/**
 * The slug of a headline: stable (the same headline always gives the same slug), at most
 * `maxLength` characters, cut at a word boundary where possible. Diacritics on Latin letters
 * are folded ("Sebastião" → "sebastiao"); other scripts keep their letters and marks.
 * Returns "untitled" when nothing sluggable is left (a headline of only emoji, say).
 */
export function slugify(text: string, maxLength = 80): string {
  const folded = text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[ßẞæÆœŒøØđĐðÐłŁþÞı]/g, (ch) => latinFolds[ch] ?? ch)
    .toLowerCase()
    // Apostrophes join words rather than split them: "don't" → "dont".
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (folded.length === 0) return 'untitled';
  const max = Math.max(1, Math.min(maxLength, limits.slug));
  if (folded.length <= max) return folded;
  // The limit counts UTF-16 code units: never keep half of a surrogate pair (a lone half is
  // not a letter, so the slug would fail SlugSchema).
  const splitsPair = /[\uD800-\uDBFF]/.test(folded[max - 1] ?? '');
  const cut = folded.slice(0, splitsPair ? (max > 1 ? max - 1 : max + 1) : max);
  // A word that ends exactly at the limit is whole: keep it.
  if (folded[cut.length] === '-') return cut;
  const lastDash = cut.lastIndexOf('-');
  // Cut at the last whole word unless that would throw away most of the slug.
  const trimmed = lastDash >= max / 2 ? cut.slice(0, lastDash) : cut;
  return trimmed.replace(/-+$/g, '');
}
