/**
 * Timestamps are stored as `toISOString()` text (UTC, milliseconds, `Z`): in that one form
 * text order is time order, which the list indexes and cursors depend on. Input may carry
 * any offset the domain accepts, so it is normalized on the way in.
 */
export function isoUtc(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid timestamp: ${String(value)}`);
  return date.toISOString();
}
