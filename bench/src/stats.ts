/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** `to` as a multiple of `from` (1.12 for 12 % more); NaN when `from` is not a positive number. */
export function growth(from: number, to: number): number {
  return from > 0 && Number.isFinite(to) ? to / from : Number.NaN;
}
