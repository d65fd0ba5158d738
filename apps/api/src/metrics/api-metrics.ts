import type { Store } from '@newsroom/db';
import { newRegistry, type RequestMetrics, requestMetrics } from '@newsroom/metrics';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ResponseCache } from '../response-cache.js';

/**
 * What the API counts for Prometheus (docs/operations.md lists each metric). Counters are
 * moved where things happen; what the database knows (comments waiting, events not yet
 * delivered) is read at each scrape, so it is right whichever process did the work.
 */
export interface ApiMetrics {
  readonly registry: Registry;
  readonly requests: RequestMetrics;
  /** A public read answered from the response cache, or built and kept there. */
  responseCache(result: 'hit' | 'miss'): void;
  /** Answers an event's keys dropped from the response cache. */
  responseCachePurged(answers: number): void;
  /** Each Store call (observedStore's observer). */
  storeCall(operation: string, seconds: number, failed: boolean, args: readonly unknown[]): void;
  /** One scheduler run: how many scheduled stories it published, and whether publishing failed. */
  schedulerRun(published: number, failed: boolean): void;
  /** One webhook delivery attempt. */
  webhookAttempt(delivered: boolean): void;
}

export function createApiMetrics(options: { store: Store; cache: ResponseCache | null }): ApiMetrics {
  const { store, cache } = options;
  const registry = newRegistry();
  const registers = [registry];

  const cacheAnswers = new Counter({
    name: 'newsroom_api_response_cache_requests_total',
    help: 'Public reads answered from the response cache (hit) or built and kept (miss)',
    labelNames: ['result'] as const,
    registers,
  });
  const cacheHits = cacheAnswers.labels('hit');
  const cacheMisses = cacheAnswers.labels('miss');
  const purged = new Counter({
    name: 'newsroom_api_response_cache_purged_total',
    help: 'Answers dropped from the response cache because an event named one of their keys',
    registers,
  });
  if (cache) {
    new Gauge({
      name: 'newsroom_api_response_cache_bytes',
      help: 'Memory the response cache holds, in bytes (bounded by API_RESPONSE_CACHE_MB)',
      registers,
      collect() {
        this.set(cache.size);
      },
    });
  }

  const storeCalls = new Histogram({
    name: 'newsroom_store_call_duration_seconds',
    help: 'Time a Store call took (its database queries), by operation',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const storeErrors = new Counter({
    name: 'newsroom_store_call_errors_total',
    help: 'Store calls that threw (a refusal such as a version conflict counts too), by operation',
    labelNames: ['operation'] as const,
    registers,
  });
  const audited = new Counter({
    name: 'newsroom_audit_actions_total',
    help: 'Actions written to the audit trail, by action (sign-in.failed, sign-in.throttled, token.create …)',
    labelNames: ['action'] as const,
    registers,
  });

  const schedulerRuns = new Counter({
    name: 'newsroom_scheduler_runs_total',
    help: 'Scheduler runs, by result (failed: publishing due stories threw)',
    labelNames: ['result'] as const,
    registers,
  });
  const scheduledPublished = new Counter({
    name: 'newsroom_scheduled_stories_published_total',
    help: 'Stories the scheduler published when their time came',
    registers,
  });
  const webhookAttempts = new Counter({
    name: 'newsroom_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by result (failed: no 2xx answer in time)',
    labelNames: ['result'] as const,
    registers,
  });

  // Read from the database at each scrape; a failing read leaves the series out of that scrape.
  const lag = new Gauge({
    name: 'newsroom_event_delivery_lag_seconds',
    help: 'Age of the oldest event not yet planned for webhook delivery (0 when none waits)',
    // Registered below, after the gauge that reads it.
    registers: [],
  });
  // One read gives both: the registry asks this gauge first (registered first), then the lag.
  new Gauge({
    name: 'newsroom_events_waiting',
    help: 'Events in the outbox not yet planned for webhook delivery',
    registers,
    async collect() {
      this.reset();
      lag.reset();
      const waiting = await store.webhooks.waitingEvents().catch(() => null);
      if (!waiting) return;
      this.set(waiting.count);
      lag.set(eventLagSeconds(waiting.oldestAt, new Date()));
    },
  });
  registry.registerMetric(lag);
  new Gauge({
    name: 'newsroom_comments',
    help: 'Comments by status (pending: waiting for a moderator)',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      this.reset();
      const counts = await store.comments.countByStatus().catch(() => null);
      for (const [status, count] of Object.entries(counts ?? {})) this.set({ status }, count);
    },
  });

  return {
    registry,
    requests: requestMetrics(registry),
    responseCache: (result) => (result === 'hit' ? cacheHits : cacheMisses).inc(),
    responseCachePurged: (answers) => purged.inc(answers),
    storeCall(operation, seconds, failed, args) {
      storeCalls.observe({ operation }, seconds);
      if (failed) storeErrors.inc({ operation });
      else if (operation === 'audit.record') audited.inc({ action: (args[0] as { action: string }).action });
    },
    schedulerRun(published, failed) {
      schedulerRuns.inc({ result: failed ? 'failed' : 'ok' });
      scheduledPublished.inc(published);
    },
    webhookAttempt: (delivered) => webhookAttempts.inc({ result: delivered ? 'delivered' : 'failed' }),
  };
}

/** Seconds since the oldest waiting event, 0 when none waits (a clock step back counts as 0). */
export function eventLagSeconds(oldestAt: Date | null, now: Date): number {
  return oldestAt ? Math.max(0, (now.getTime() - oldestAt.getTime()) / 1_000) : 0;
}
