import { z } from 'zod';
import { issuesLine } from './zod-errors.js';

/**
 * OpenTelemetry's standard variables, as the API and the site accept them. Both send traces
 * with the same SDK, so they share this one statement of what is allowed. The SDK reads most of
 * these itself and quietly falls back to a default on a value it cannot use; checking them here
 * first turns a typo into one line at start-up instead of traces that never arrive.
 */

/** The samplers the SDK knows by name (OTEL_TRACES_SAMPLER). */
export const tracingSamplers = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/** The SDK's own log levels (OTEL_LOG_LEVEL), for when traces do not arrive and nobody says why. */
export const tracingLogLevels = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;

const milliseconds = (max: number) => z.coerce.number().int().min(1).max(max).optional();

/**
 * `key=value,key2=value2`, values percent-encoded as W3C Baggage has them: the form of
 * OTEL_RESOURCE_ATTRIBUTES and OTEL_EXPORTER_OTLP_HEADERS.
 */
const KeyValueListSchema = z.string().superRefine((value, ctx) => {
  for (const item of value.split(',')) {
    if (item.trim() === '') continue;
    const equals = item.indexOf('=');
    if (equals <= 0 || item.slice(0, equals).trim() === '') {
      ctx.addIssue({
        code: 'custom',
        message: `"${item.trim()}" is not key=value (expected key=value,key2=value2)`,
      });
      return;
    }
    try {
      decodeURIComponent(item.slice(equals + 1));
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${item.trim()}" has a broken %-escape in its value` });
      return;
    }
  }
});

const TracingEnvSchema = z
  .object({
    /** The OTLP/HTTP receiver (a collector, Jaeger, Tempo…); spans go to `<it>/v1/traces`. Unset: no tracing. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) address, e.g. http://collector:4318' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** Spans are sent as OTLP JSON over HTTP, which every OTLP/HTTP receiver takes. */
    OTEL_EXPORTER_OTLP_PROTOCOL: z
      .enum(['http/json'], { error: 'only http/json is supported (OTLP over HTTP, as JSON)' })
      .optional(),
    OTEL_EXPORTER_OTLP_HEADERS: KeyValueListSchema.optional(),
    OTEL_EXPORTER_OTLP_TIMEOUT: milliseconds(600_000),
    OTEL_SERVICE_NAME: z.string().trim().min(1).max(200).optional(),
    OTEL_RESOURCE_ATTRIBUTES: KeyValueListSchema.optional(),
    OTEL_TRACES_SAMPLER: z.enum(tracingSamplers).optional(),
    OTEL_TRACES_SAMPLER_ARG: z.coerce
      .number({ error: 'must be a number from 0 to 1' })
      .min(0, 'must be a number from 0 to 1')
      .max(1, 'must be a number from 0 to 1')
      .optional(),
    OTEL_BSP_SCHEDULE_DELAY: milliseconds(3_600_000),
    OTEL_BSP_EXPORT_TIMEOUT: milliseconds(600_000),
    OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().min(1).max(1_000_000).optional(),
    OTEL_BSP_MAX_EXPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000_000).optional(),
    OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    OTEL_LOG_LEVEL: z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(z.enum(tracingLogLevels))
      .optional(),
  })
  .refine(
    (env) =>
      env.OTEL_TRACES_SAMPLER_ARG === undefined || (env.OTEL_TRACES_SAMPLER ?? '').endsWith('traceidratio'),
    {
      path: ['OTEL_TRACES_SAMPLER_ARG'],
      message: 'only applies with OTEL_TRACES_SAMPLER=traceidratio or parentbased_traceidratio',
    },
  )
  .refine(
    (env) =>
      env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE === undefined ||
      env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE <= (env.OTEL_BSP_MAX_QUEUE_SIZE ?? 2_048),
    {
      path: ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE'],
      message: 'must not be larger than OTEL_BSP_MAX_QUEUE_SIZE (2048 unless set)',
    },
  );

/** What a process needs to start tracing; every other variable the SDK reads for itself. */
export interface TracingSettings {
  /** The receiver's base address, without a trailing slash. */
  endpoint: string;
  /** OTEL_SERVICE_NAME, else the process's own name (`newsroom-api`, `newsroom-web`). */
  serviceName: string;
}

/**
 * The tracing settings in `env`: null when tracing is off (OTEL_EXPORTER_OTLP_ENDPOINT unset or
 * empty, or OTEL_SDK_DISABLED=true), or one line saying which variable is wrong and why. An
 * empty variable counts as unset, as OpenTelemetry's specification says.
 */
export function tracingSettingsOf(
  env: Record<string, string | undefined>,
  defaultServiceName: string,
): { ok: true; settings: TracingSettings | null } | { ok: false; message: string } {
  const named = Object.fromEntries(
    Object.keys(TracingEnvSchema.shape)
      .map((name) => [name, env[name]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = TracingEnvSchema.safeParse(named);
  if (!result.success) return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
  const { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED, OTEL_SERVICE_NAME } = result.data;
  if (endpoint === undefined || OTEL_SDK_DISABLED === 'true') return { ok: true, settings: null };
  return { ok: true, settings: { endpoint, serviceName: OTEL_SERVICE_NAME ?? defaultServiceName } };
}
