import { newRegistry, type RequestMetrics, requestMetrics } from '@newsroom/metrics';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PageCache } from './page-cache.ts';

/** What the site counts for Prometheus (docs/operations.md lists each metric). */
export interface SiteMetrics {
  readonly registry: Registry;
  /** By Astro's route pattern (`/articles/[slug]`), `static` for built files, `refused` for refusals. */
  readonly requests: RequestMetrics;
  /** A page sent from the page cache (fresh or stale) or rendered for the asker and kept. */
  pageCache(result: 'hit' | 'stale' | 'miss'): void;
  /** Pages an event's keys dropped from the page cache. */
  pageCachePurged(pages: number): void;
}

export function createSiteMetrics(cache: PageCache | null): SiteMetrics {
  const registry = newRegistry();
  const registers = [registry];
  const answers = new Counter({
    name: 'newsroom_web_page_cache_requests_total',
    help: 'Pages sent from the page cache (hit; stale: sent while rendered anew) or rendered and kept (miss)',
    labelNames: ['result'] as const,
    registers,
  });
  const purged = new Counter({
    name: 'newsroom_web_page_cache_purged_total',
    help: 'Pages dropped from the page cache because an API event named one of their keys',
    registers,
  });
  if (cache) {
    new Gauge({
      name: 'newsroom_web_page_cache_bytes',
      help: 'Memory the page cache holds, in bytes (bounded by WEB_PAGE_CACHE_MB)',
      registers,
      collect() {
        this.set(cache.size);
      },
    });
  }
  const byResult = {
    hit: answers.labels('hit'),
    stale: answers.labels('stale'),
    miss: answers.labels('miss'),
  };
  return {
    registry,
    requests: requestMetrics(registry),
    pageCache: (result) => byResult[result].inc(),
    pageCachePurged: (pages) => purged.inc(pages),
  };
}
