import type { Store } from '@newsroom/db';
import pLimit from 'p-limit';
import { sendDelivery } from './send-delivery.js';

/** The part of a pino logger the dispatcher writes to. */
export interface DispatcherLog {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DispatcherOptions {
  store: Store;
  /** Deliveries sent at once (WEBHOOK_SENDS). */
  sends: number;
  siteUrl: string;
  /** publicFetch, or the plain fetch when private addresses are allowed. */
  fetch: typeof fetch;
  log: DispatcherLog;
  /** How long an endpoint has to answer; 10 s. */
  timeoutMs?: number;
  /** How often to look for retries that have come due when no write wakes it; 1 s. */
  pollMs?: number;
  /** The clock: tests move it on to reach the next retry. */
  now?: () => Date;
  /** After each attempt is recorded: whether it was delivered (a 2xx in time). */
  onAttempt?: (delivered: boolean) => void;
}

export interface WebhookDispatcher {
  /** Plans what the outbox holds and sends what is due, until nothing is left for now. */
  round(): Promise<void>;
  /** Rounds on every change this process hears of, and every pollMs. */
  start(): void;
  /** No more rounds; resolves once the one in progress has recorded its attempts. */
  stop(): Promise<void>;
}

const planBatch = 100;

/**
 * Delivers webhooks: plans deliveries from the outbox, then claims due ones and sends them,
 * `sends` at a time. Every API process may run one: planning and claims are the Store's, and
 * each event is planned once and each delivery sent by one process at a time. A process that
 * dies mid-send leaves its claims to lapse, and another sends them again (same webhook-id).
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { store, sends, siteUrl, log, timeoutMs = 10_000, pollMs = 1_000, now = () => new Date() } = options;
  const sending = pLimit(sends);
  // A claim outlives the slowest batch: every send in it timing out, `sends` at a time.
  const batch = sends * 4;
  const leaseMs = (batch / sends) * timeoutMs + 60_000;
  let stopped = true;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;

  async function planAll(): Promise<void> {
    while ((await store.webhooks.planDeliveries({ limit: planBatch, now: now() })) === planBatch) {}
  }

  async function sendDue(): Promise<void> {
    for (;;) {
      const due = await store.webhooks.claimDue({ limit: batch, leaseMs, now: now() });
      await Promise.all(
        due.map((delivery) =>
          sending(async () => {
            const attempt = await sendDelivery(delivery, {
              fetch: options.fetch,
              siteUrl,
              timeoutMs,
              at: now(),
            });
            await store.webhooks.recordAttempt(delivery.id, attempt);
            const details = {
              webhookId: delivery.webhookId,
              deliveryId: delivery.id,
              eventId: delivery.event.id,
              attempt: delivery.attempt,
              statusCode: attempt.statusCode,
              latencyMs: attempt.latencyMs,
            };
            const delivered =
              attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
            options.onAttempt?.(delivered);
            if (delivered) {
              log.debug(details, 'Delivered a webhook');
            } else {
              log.warn({ ...details, reason: attempt.error }, 'A webhook delivery failed');
            }
          }),
        ),
      );
      if (due.length < batch || stopped) return;
    }
  }

  async function round(): Promise<void> {
    try {
      await planAll();
      await sendDue();
    } catch (error) {
      // The database busy or gone: logged, and tried again at the next round.
      log.error({ err: error }, 'Delivering webhooks failed');
    }
  }

  /** Runs a round now, or right after the one in progress: never two at once. */
  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = round().finally(() => {
      running = undefined;
      if (stopped) return;
      if (again) {
        again = false;
        wake();
      } else {
        timer = setTimeout(wake, pollMs).unref();
      }
    });
  }

  return {
    round,
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = store.changes.subscribe(wake);
      wake();
    },
    async stop() {
      stopped = true;
      unsubscribe?.();
      clearTimeout(timer);
      await running;
    },
  };
}
