// The desk's environment, validated once; imported by server.mjs and by the pages.
import { issuesLine } from '@newsroom/domain';
import { MetricsHostSchema, MetricsPortSchema } from '@newsroom/metrics/config';
import { z } from 'zod';

/** Whether the runtime knows the zone by that name: Intl refuses an unknown one. */
function isTimeZone(name) {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const DeskConfigSchema = z.object({
  DESK_PORT: z.coerce.number().int().min(0).max(65_535).default(4322),
  DESK_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The desk's public address: the origin forms must come from (CSRF), whether cookies are
   * `__Host-` and Secure (https), and the passkeys' relying party, which the API reads too.
   */
  DESK_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://localhost:4322')
    .transform((url) => url.replace(/\/+$/, '')),
  API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
  /** How long a page waits for the API before it answers 503: an API that hangs must not hold people. */
  API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** The reader site's public address: previews and "view on the site" links point there. */
  SITE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://localhost:4321')
    .transform((url) => url.replace(/\/+$/, '')),
  /**
   * The largest picture the API takes (the API reads the same variable): the desk refuses a
   * larger upload before reading it, instead of streaming it on to be refused there.
   */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1_024).max(200_000_000).default(20_971_520),
  /** The zone editors schedule in and the desk shows times in, beside UTC. */
  NEWSROOM_TIMEZONE: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be a time zone name such as Europe/London')
    .default('Europe/London'),
  /** Port of GET /metrics for Prometheus, apart from the desk's own; unset leaves metrics off. */
  DESK_METRICS_PORT: MetricsPortSchema,
  /** Address the metrics port listens on. */
  DESK_METRICS_HOST: MetricsHostSchema,
});

/** @returns {{ ok: true, config: z.infer<typeof DeskConfigSchema> } | { ok: false, message: string }} */
export function loadDeskConfig(env) {
  const result = DeskConfigSchema.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
}
