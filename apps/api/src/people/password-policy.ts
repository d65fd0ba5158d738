import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * Whether a password is too easy to guess, with zxcvbn-ts and its common and English
 * dictionaries (bundled: no network look-up). Length and Unicode normalisation are
 * PasswordSchema's (@newsroom/domain); this is the dictionary part.
 */
const zxcvbn = new ZxcvbnFactory({
  translations: english.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary },
});

/** zxcvbn's scale: 3 is "safely unguessable" against an online attack, with a slow hash behind it. */
const minimumScore = 3;

/**
 * Null when the password is strong enough, else a message saying why and what to do.
 * `personal` are the person's own words (email, name): a password made of them is weak.
 */
export function passwordWeakness(password: string, personal: string[] = []): string | null {
  const words = [...personal, ...personal.flatMap((item) => item.split(/[^\p{L}\p{N}]+/u)), 'newsroom'].map(
    (word) => word.toLowerCase(),
  );
  const result = zxcvbn.check(
    password,
    words.filter((word) => word.length > 2),
  );
  if (result.score >= minimumScore) return null;
  const why = result.feedback.warning ? `${result.feedback.warning.replace(/\.$/, '')}. ` : '';
  return `This password is too easy to guess. ${why}Use a longer phrase of unrelated words`;
}
