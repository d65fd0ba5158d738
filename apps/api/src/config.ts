import { isIP } from 'node:net';
import { DatabaseUrlSchema, resolveDatabaseUrl } from '@newsroom/db';
import { issuesLine } from '@newsroom/domain';
import { MetricsHostSchema, MetricsPortSchema } from '@newsroom/metrics/config';
import { z } from 'zod';
import type { DeskSettings } from './context.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const count = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A comma-separated list; blanks around commas and empty entries are ignored. */
const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Browser origins allowed to call the API cross-origin: `https://news.example`, no path, no `*`. */
const CorsOriginsSchema = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins = list(value);
    for (const origin of origins) {
      if (!isOrigin(origin)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${origin}" is not an origin (scheme://host[:port], no path), e.g. https://news.example`,
        });
      }
    }
    return origins;
  });

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The desk's public address: an http(s) origin, without a trailing slash or path. */
const DeskUrlSchema = z
  .string()
  .trim()
  .default('http://localhost:4322')
  .transform((value) => value.replace(/\/+$/, ''))
  .refine(isOrigin, {
    message: 'must be an origin (http(s)://host[:port], no path), e.g. https://desk.news.example',
  });

/**
 * Which proxies may tell the API the client's address (X-Forwarded-For): `false` (none: the
 * socket's peer is the client), `true` (any), a number of hops, or a list of addresses/CIDRs.
 */
const TrustProxySchema = z
  .string()
  .default('false')
  .transform((value, ctx): boolean | number | string[] => {
    const trimmed = value.trim().toLowerCase();
    if (trimmed === 'false' || trimmed === '') return false;
    if (trimmed === 'true') return true;
    if (/^\d{1,2}$/.test(trimmed)) return Number(trimmed);
    const addresses = list(trimmed);
    const wrong = addresses.find((address) => !isIP(address.replace(/\/\d{1,3}$/, '')));
    if (wrong !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected true, false, a hop count or addresses/CIDRs; "${wrong}" is none of these`,
      });
    }
    return addresses;
  });

/** The API's environment, validated once at start-up. Defaults suit a developer's machine. */
export const ApiConfigSchema = z
  .object({
    API_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: DatabaseUrlSchema,
    /** Connections each API process keeps to PostgreSQL (plus one for change notices). */
    DATABASE_POOL_SIZE: count(1, 1_000, 10),
    /** Largest request body accepted, in bytes. */
    API_MAX_BODY_BYTES: count(1_024, 50_000_000, 1_000_000),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    API_CORS_ORIGINS: CorsOriginsSchema,
    API_TRUST_PROXY: TrustProxySchema,
    /** Mutation calls per client (token, else address) per minute. */
    API_RATE_LIMIT_WRITES: count(1, 1_000_000, 60),
    /** comment.create calls per client address per minute. */
    API_RATE_LIMIT_COMMENTS: count(1, 1_000_000, 5),
    /** Refused tokens per client address per minute before its token-bearing requests get 429. */
    API_RATE_LIMIT_BAD_TOKENS: count(1, 1_000_000, 30),
    /** How long shared caches (a CDN) may serve a public read, in seconds. */
    API_CACHE_S_MAXAGE: count(0, 31_536_000, 30),
    /**
     * Memory for this process's cache of public read answers, in MB; 0 turns it off. Each change's
     * event purges the answers built from what changed, on every API process.
     */
    API_RESPONSE_CACHE_MB: count(0, 4_096, 64),
    /**
     * The longest a kept answer lives, in seconds. Events purge what changed; this only bounds
     * the harm of one never heard of (the outbox is read every second, so none should be).
     */
    API_RESPONSE_CACHE_TTL_S: count(1, 86_400, 3_600),
    /** Most calls in one batched request. */
    API_MAX_BATCH: count(1, 1_000, 20),
    /** How often scheduled articles are published, in ms; 0 turns the scheduler off. */
    API_SCHEDULER_INTERVAL_MS: count(0, 86_400_000, 5_000),
    /** Days the outbox keeps each event (for streams resumed with Last-Event-ID, late webhooks), then prunes it. */
    EVENTS_RETENTION_DAYS: count(1, 365, 7),
    /** How long a client may take to send a request's headers, in ms: slow senders are cut off with a 408. */
    API_HEADERS_TIMEOUT_MS: count(1_000, 600_000, 10_000),
    /** How long a client may take to send a whole request, body included, in ms (408 after that). */
    API_REQUEST_TIMEOUT_MS: count(1_000, 3_600_000, 30_000),
    /** How long a stopping process waits for in-flight requests, in ms. */
    API_SHUTDOWN_TIMEOUT_MS: count(0, 600_000, 10_000),
    /** Largest picture accepted by POST /media, in bytes: a larger upload is refused before it is read whole. */
    MEDIA_MAX_BYTES: count(1_024, 200_000_000, 20_971_520),
    /** Most pixels (width × height) in an uploaded picture, read from its header before any decoding. */
    MEDIA_MAX_PIXELS: count(1_000_000, 500_000_000, 50_000_000),
    /** Pictures decoded or encoded at once by this process (uploads and variants): bounds its memory. */
    MEDIA_ENCODINGS: count(1, 64, 2),
    /** The desk's public address: invitation and reset links point there; the passkeys' relying party. */
    DESK_URL: DeskUrlSchema,
    /** A session unused for this many hours ends. */
    DESK_SESSION_IDLE_H: count(1, 8_760, 12),
    /** A session ends this many days after sign-in, however active. */
    DESK_SESSION_DAYS: count(1, 365, 30),
    /** The reader site's public address: webhook deliveries give each story's address there. */
    SITE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) address, e.g. https://news.example' })
      .default('http://localhost:4321')
      .transform((url) => url.replace(/\/+$/, '')),
    /** Webhook deliveries sent at once by this process; 0 leaves delivery to other processes. */
    WEBHOOK_SENDS: count(0, 256, 8),
    /**
     * Whether webhooks may point at private, loopback or link-local addresses (the newsroom's own
     * network). Off by default: a webhook must not become a way into it.
     */
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
    /** Port of GET /metrics for Prometheus, apart from the public one; unset leaves metrics off. */
    METRICS_PORT: MetricsPortSchema,
    /** Address the metrics port listens on. */
    METRICS_HOST: MetricsHostSchema,
    /**
     * /readyz answers 503 once webhook delivery lags the outbox by more than this many seconds;
     * 0 (the default) only reports the lag, since every API process shares it and failing them
     * all would take the API away from readers for a webhook backlog.
     */
    READY_MAX_EVENT_LAG_S: count(0, 86_400, 0),
    /** Where npm was run: a relative database path counts from there. */
    INIT_CWD: z.string().optional(),
  })
  // Node refuses a server whose headers may take longer than the whole request.
  .refine((config) => config.API_HEADERS_TIMEOUT_MS <= config.API_REQUEST_TIMEOUT_MS, {
    path: ['API_HEADERS_TIMEOUT_MS'],
    message: 'must not be longer than API_REQUEST_TIMEOUT_MS',
  })
  // An idle limit past the lifetime would never apply: most likely a unit mistaken.
  .refine((config) => config.DESK_SESSION_IDLE_H <= config.DESK_SESSION_DAYS * 24, {
    path: ['DESK_SESSION_IDLE_H'],
    message: 'must not be longer than DESK_SESSION_DAYS',
  });
export type ApiConfig = Omit<z.infer<typeof ApiConfigSchema>, 'INIT_CWD'>;

/** The config, or one line that says which variable is wrong and why. */
export function loadApiConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: ApiConfig } | { ok: false; message: string } {
  const result = ApiConfigSchema.safeParse(env);
  if (!result.success) {
    return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
  }
  const { INIT_CWD, ...config } = result.data;
  return {
    ok: true,
    config: { ...config, DATABASE_URL: resolveDatabaseUrl(config.DATABASE_URL, INIT_CWD ?? process.cwd()) },
  };
}

const hourMs = 3_600_000;

/** What the API's context needs of the desk (context.ts), from the config. */
export function deskSettingsOf(
  config: Pick<ApiConfig, 'DESK_URL' | 'DESK_SESSION_IDLE_H' | 'DESK_SESSION_DAYS'>,
): DeskSettings {
  return {
    url: config.DESK_URL,
    sessionIdleMs: config.DESK_SESSION_IDLE_H * hourMs,
    sessionLifetimeMs: config.DESK_SESSION_DAYS * 24 * hourMs,
  };
}

/** Every default, for code that builds an API without an environment (tests, embedding). */
export function defaultApiConfig(): ApiConfig {
  const loaded = loadApiConfig({});
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.config;
}
