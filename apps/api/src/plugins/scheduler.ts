import type { Store } from '@newsroom/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiMetrics } from '../metrics/api-metrics.js';

/**
 * The scheduler (below) for the API's lifetime: it starts when the instance is ready and stops
 * when it closes, a run in progress finishing first so the Store can close after it. An
 * interval of 0 (API_SCHEDULER_INTERVAL_MS=0) leaves it off.
 */
export const scheduler: FastifyPluginAsync<{
  store: Store;
  intervalMs: number;
  eventRetentionDays: number;
  metrics: ApiMetrics | null;
}> = async (app, { store, intervalMs, eventRetentionDays, metrics }) => {
  if (intervalMs <= 0) return;
  const running = createScheduler({
    store,
    intervalMs,
    eventRetentionDays,
    log: app.log.child({ component: 'scheduler' }),
    ...(metrics ? { onRun: metrics.schedulerRun } : {}),
  });
  app.addHook('onReady', async () => running.start());
  app.addHook('onClose', async () => running.stop());
};

/** The part of a pino logger the scheduler writes to. */
export interface SchedulerLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Scheduler {
  /** Publishes what is due now, then again every interval. */
  start(): void;
  /** No more runs; resolves once a run in progress has finished (so the Store can close). */
  stop(): Promise<void>;
}

/**
 * Publishes scheduled articles when their time comes, and forgets rate-limit windows that
 * have ended, preview links that expired or were revoked (so those tables stay small: the
 * desk makes an hour-long link each time someone presses Preview), and events and finished
 * webhook deliveries past their retention (EVENTS_RETENTION_DAYS). The schedule lives in the database, so a
 * restarted process picks up where the last one stopped (and publishes what fell due while
 * it was down on its first run); the Store publishes each article once even when several
 * API processes run this at the same moment.
 */
export function createScheduler(opts: {
  store: Store;
  intervalMs: number;
  /** Default 7, as EVENTS_RETENTION_DAYS. */
  eventRetentionDays?: number;
  log: SchedulerLog;
  /** After each run: how many scheduled stories it published, and whether publishing failed. */
  onRun?: (published: number, failed: boolean) => void;
}): Scheduler {
  const { store, intervalMs, eventRetentionDays = 7, log, onRun } = opts;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function run(): Promise<void> {
    const now = new Date();
    try {
      const published = await store.articles.publishDue(now);
      for (const article of published) {
        log.info(
          { articleId: article.id, slug: article.slug, publishedAt: article.publishedAt },
          'Published a scheduled article',
        );
      }
      onRun?.(published.length, false);
    } catch (error) {
      // A failing run (database busy, disk full) is logged and retried at the next tick; it
      // must never take the API down with it.
      log.error({ err: error }, 'Publishing scheduled articles failed');
      onRun?.(0, true);
    }
    try {
      await store.rateLimits.prune(now);
    } catch (error) {
      log.error({ err: error }, 'Pruning ended rate-limit windows failed');
    }
    try {
      await store.previews.prune(now);
    } catch (error) {
      log.error({ err: error }, 'Pruning expired and revoked preview links failed');
    }
    const retained = new Date(now.getTime() - eventRetentionDays * 86_400_000);
    try {
      await store.events.prune(retained);
    } catch (error) {
      log.error({ err: error }, 'Pruning events past their retention failed');
    }
    try {
      await store.webhooks.prune(retained);
    } catch (error) {
      log.error({ err: error }, 'Pruning webhook deliveries past their retention failed');
    }
  }

  function tick(): void {
    running = run().finally(() => {
      running = undefined;
      // A timeout after each run, not an interval: runs never overlap, however slow one is.
      if (!stopped) timer = setTimeout(tick, intervalMs).unref();
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
