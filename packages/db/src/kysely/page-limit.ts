import { limits } from '@newsroom/domain';

/**
 * A page size the Store will serve, whatever the caller asked: the API validates limits, but
 * the CLI and other callers reach the Store directly, and no query may be unbounded.
 */
export function pageLimitOf(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return limits.pageDefault;
  return Math.min(limits.pageMax, Math.max(1, Math.trunc(limit)));
}
