import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * A registry holding Node's process metrics (CPU, memory, heap, event-loop lag, garbage
 * collection, open handles), read at each scrape. prom-client also reports three gauges named
 * `nodejs_active_*_total`: a gauge named like a counter is refused by `promtool check metrics`
 * and misleads `rate()`, and each has a twin without the suffix (`nodejs_active_handles`), so
 * those three are dropped.
 */
export function newRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of registry.getMetricsAsArray()) {
    if (metric instanceof Gauge && metric.name.endsWith('_total')) registry.removeSingleMetric(metric.name);
  }
  return registry;
}
