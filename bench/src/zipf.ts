/**
 * Zipf's law for reads: a few stories get most of the readers. Rank r (0 for the most read)
 * is drawn with probability proportional to 1 / (r + 1)^exponent; an exponent near 1 is what
 * web and CDN traces of news sites show. The cumulative weights are worked out once, so each
 * draw is a binary search (17 steps for 100,000 ranks).
 */
export interface ZipfSampler {
  /** A rank in [0, count). */
  next(): number;
  /** The probability of drawing `rank`. */
  probability(rank: number): number;
  /** The share of draws that land on the `top` most likely ranks. */
  shareOfTop(top: number): number;
}

export function zipfSampler(count: number, exponent: number, random: () => number): ZipfSampler {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a Zipf sampler needs ranks, got ${count}`);
  if (!(exponent >= 0)) throw new RangeError(`a Zipf exponent is 0 or more, got ${exponent}`);
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let rank = 0; rank < count; rank++) {
    total += (rank + 1) ** -exponent;
    cumulative[rank] = total;
  }
  return {
    next() {
      const target = random() * total;
      let low = 0;
      let high = count - 1;
      // The first rank whose cumulative weight is past the target.
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] as number) > target) high = middle;
        else low = middle + 1;
      }
      return low;
    },
    probability: (rank) => (rank >= 0 && rank < count ? (rank + 1) ** -exponent / total : 0),
    shareOfTop: (top) => (top <= 0 ? 0 : (cumulative[Math.min(top, count) - 1] as number) / total),
  };
}
