// The site's environment, validated once; imported by server.mjs and by the pages.
import { issuesLine } from '@newsroom/domain';
import { MetricsHostSchema, MetricsPortSchema } from '@newsroom/metrics/config';
import { z } from 'zod';

const WebConfigSchema = z.object({
  WEB_PORT: z.coerce.number().int().min(0).max(65_535).default(4321),
  WEB_HOST: z.string().min(1).default('127.0.0.1'),
  API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
  /** How long a page waits for the API before it answers 503: an API that hangs must not hold readers. */
  API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** The public address of the site, for canonical URLs, feeds, sitemaps and social cards. */
  SITE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://localhost:4321')
    .transform((url) => url.replace(/\/+$/, '')),
  SITE_NAME: z.string().trim().min(1).max(100).default('Newsroom'),
  /** Memory for rendered pages kept by this process, in MB; 0 renders every request. */
  WEB_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4_096).default(64),
  /** Port of GET /metrics for Prometheus, apart from the readers' one; unset leaves metrics off. */
  WEB_METRICS_PORT: MetricsPortSchema,
  /** Address the metrics port listens on. */
  WEB_METRICS_HOST: MetricsHostSchema,
});

/** @returns {{ ok: true, config: z.infer<typeof WebConfigSchema> } | { ok: false, message: string }} */
export function loadWebConfig(env) {
  const result = WebConfigSchema.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
}
