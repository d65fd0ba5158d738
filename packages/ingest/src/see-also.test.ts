import { describe, expect, it } from 'vitest';
import { fuzzyHeadlineThreshold, matchHeadline, normalizedHeadline } from './see-also.js';

describe('matchHeadline', () => {
  const candidates = [
    'Markets close higher',
    'Fire destroys Tomorrowland’s iconic main stage',
    'Sebastião Salgado, master of black-and-white photography, dies at 81',
  ];

  it('prefers an exact match', () => {
    expect(matchHeadline('Markets close higher', candidates)).toEqual({
      headline: 'Markets close higher',
      how: 'exact',
      score: 1,
    });
  });

  it('matches after normalizing case, quote styles, diacritics, punctuation and spacing', () => {
    expect(matchHeadline("fire destroys  TOMORROWLAND'S iconic main stage", candidates)).toEqual({
      headline: 'Fire destroys Tomorrowland’s iconic main stage',
      how: 'normalized',
      score: 1,
    });
    expect(
      matchHeadline('Sebastiao Salgado – master of black and white photography – dies at 81', candidates)
        ?.how,
    ).toBe('normalized');
  });

  it('matches a misspelt or slightly reworded headline by bigram similarity at or above the threshold', () => {
    const match = matchHeadline(
      'Sebastia Salgado, master of black and white photography, dies at age 81',
      candidates,
    );
    expect(match?.headline).toBe(candidates[2]);
    expect(match?.how).toBe('fuzzy');
    expect(match?.score).toBeGreaterThanOrEqual(fuzzyHeadlineThreshold);
    expect(match?.score).toBeLessThan(1);
  });

  it('finds nothing for a different story, however similar the topic', () => {
    expect(matchHeadline('Fire destroys main stage at Glastonbury', candidates)).toBeNull();
    expect(matchHeadline('Markets close lower', candidates)).toBeNull();
  });

  it('picks the most similar of several fuzzy candidates, and the first of equals', () => {
    const match = matchHeadline('Ferry fares to rise by 8 percent', [
      'Ferry fares to rise by 8 per cent',
      'Ferry fares to rise by 8 percentage',
      'Ferry fares to rise by 8 per cent',
    ]);
    expect(match?.headline).toBe('Ferry fares to rise by 8 percentage');
    expect(matchHeadline('Same', ['same', 'SAME'])?.headline).toBe('same');
  });

  it('finds nothing among no candidates or for an empty headline', () => {
    expect(matchHeadline('Anything', [])).toBeNull();
    expect(matchHeadline('  …  ', ['Markets close higher'])).toBeNull();
  });
});

describe('normalizedHeadline', () => {
  it('folds case, diacritics, apostrophes and punctuation', () => {
    expect(normalizedHeadline('  Sebastião’s “Black-and-White” World!  ')).toBe(
      'sebastiaos black and white world',
    );
  });
});
