import type { AnyTRPCRouter } from '@trpc/server';

/** What a built router holds besides its procedures (TRPCBuiltRouter: the router, and its record as properties). */
const routerOwnKeys = new Set(['_def', 'createCaller']);

/**
 * Every procedure path of a router, read from the router itself: tRPC's built router carries
 * its procedures and sub-routers as properties (TRPCBuiltRouter), procedures being functions.
 * For tests that must cover every procedure, and fail when a new one has no expectation.
 */
export function routerPaths(router: AnyTRPCRouter): string[] {
  const paths: string[] = [];
  const walk = (record: object, prefix: string) => {
    for (const [key, value] of Object.entries(record)) {
      if (prefix === '' && routerOwnKeys.has(key)) continue;
      if (typeof value === 'function') paths.push(`${prefix}${key}`);
      else if (typeof value === 'object' && value !== null) walk(value, `${prefix}${key}.`);
    }
  };
  walk(router, '');
  return paths;
}
