/**
 * Milliseconds since the epoch with performance.now()'s precision: times taken in two processes
 * (the event writer, the webhook receiver) compare, which performance.now() alone does not.
 */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
