import { describe, expect, it } from 'vitest';
import { growth, median } from './stats.ts';

describe('median', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is the value itself for one value, NaN for none', () => {
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe('growth', () => {
  it('says how many times larger the second figure is', () => {
    expect(growth(2, 2.24)).toBeCloseTo(1.12);
    expect(growth(4, 2)).toBe(0.5);
  });

  it('is NaN when there is nothing to grow from', () => {
    expect(growth(0, 3)).toBeNaN();
    expect(growth(Number.NaN, 3)).toBeNaN();
  });
});
