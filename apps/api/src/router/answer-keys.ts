import { type ArticleSummary, cacheKey, labelKeysOf } from '@newsroom/domain';
import type { Context } from '../context.js';

/**
 * Files a public read's answer under the cache keys of what it was built from (the domain's
 * cache-keys.ts), so that an event carrying any of them purges it, and nothing else does. A
 * public read that names none is never kept (plugins/http-caching.ts).
 */
export function answerKeys(ctx: Pick<Context, 'cacheKeys'>, keys: Iterable<string>): void {
  for (const key of keys) ctx.cacheKeys.add(key);
}

/** What a list of article summaries shows of each: its names (section, tags, bylines). */
export function summaryKeys(
  items: readonly Pick<ArticleSummary, 'section' | 'tags' | 'authors'>[],
): string[] {
  return items.flatMap(labelKeysOf);
}

/** The lists of published stories an article list's filters pick: the front page's without any. */
export function listKeys(filters: { section?: string; tag?: string; author?: string }): string[] {
  const keys = [
    ...(filters.section ? [cacheKey.section(filters.section)] : []),
    ...(filters.tag ? [cacheKey.tag(filters.tag)] : []),
    ...(filters.author ? [cacheKey.author(filters.author)] : []),
  ];
  return keys.length > 0 ? keys : [cacheKey.front];
}
