import { Histogram, type Registry } from 'prom-client';

export interface RequestMetrics {
  /**
   * One answered request. `route` must come from a bounded set (a route pattern, a procedure
   * name), never the raw URL: each value is a time series kept for the process's life.
   */
  observe(route: string, method: string, status: number, seconds: number): void;
}

/** From a millisecond (a cached answer) to ten seconds (a timeout's neighbourhood). */
const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * `newsroom_http_request_duration_seconds{route,method,status}`, the same in the API, the site
 * and the desk (Prometheus's `job` label tells them apart). Its `_count` is the request count,
 * so no separate counter is kept.
 */
export function requestMetrics(registry: Registry): RequestMetrics {
  const histogram = new Histogram({
    name: 'newsroom_http_request_duration_seconds',
    help: 'Time to answer a request, by route (or tRPC procedure), method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets,
    registers: [registry],
  });
  // A labelled child per series, found by one string key: prom-client would otherwise hash
  // the label object on every request.
  const series = new Map<string, { observe(value: number): void }>();
  return {
    observe(route, method, status, seconds) {
      const key = `${route} ${method} ${status}`;
      let child = series.get(key);
      if (child === undefined) {
        child = histogram.labels(route, method, String(status));
        series.set(key, child);
      }
      child.observe(seconds);
    },
  };
}
