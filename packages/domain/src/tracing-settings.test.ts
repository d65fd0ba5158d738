import { describe, expect, it } from 'vitest';
import { tracingSettingsOf } from './tracing-settings.js';

const endpoint = 'http://collector.internal:4318';

describe('tracingSettingsOf', () => {
  it('is off without an endpoint, with an empty one, or with the SDK disabled', () => {
    expect(tracingSettingsOf({}, 'newsroom-api')).toEqual({ ok: true, settings: null });
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, 'newsroom-api')).toEqual({
      ok: true,
      settings: null,
    });
    expect(
      tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'true' }, 'newsroom-api'),
    ).toEqual({ ok: true, settings: null });
  });

  it("names the process after itself unless OTEL_SERVICE_NAME says otherwise, and drops the endpoint's trailing slash", () => {
    expect(tracingSettingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/` }, 'newsroom-web')).toEqual({
      ok: true,
      settings: { endpoint, serviceName: 'newsroom-web' },
    });
    expect(
      tracingSettingsOf(
        { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'news-api-eu' },
        'newsroom-api',
      ),
    ).toEqual({ ok: true, settings: { endpoint, serviceName: 'news-api-eu' } });
  });

  it('takes the standard variables in their standard forms', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D,tenant=news',
      OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=production,service.instance.id=web-1',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
      OTEL_BSP_MAX_QUEUE_SIZE: '4096',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1024',
      OTEL_LOG_LEVEL: 'WARN',
    };
    expect(tracingSettingsOf(env, 'newsroom-api')).toEqual({
      ok: true,
      settings: { endpoint, serviceName: 'newsroom-api' },
    });
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) address',
    ],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL: only http/json is supported'],
    [{ OTEL_TRACES_SAMPLER: 'sometimes' }, 'OTEL_TRACES_SAMPLER: '],
    [
      { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '10%' },
      'OTEL_TRACES_SAMPLER_ARG: must be a number from 0 to 1',
    ],
    [{ OTEL_TRACES_SAMPLER_ARG: '0.5' }, 'OTEL_TRACES_SAMPLER_ARG: only applies with'],
    [{ OTEL_BSP_SCHEDULE_DELAY: '5s' }, 'OTEL_BSP_SCHEDULE_DELAY: '],
    [{ OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '4096' }, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE: must not be larger'],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'production' }, 'OTEL_RESOURCE_ATTRIBUTES: "production" is not key=value'],
    [
      { OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=%E0%A4%A' },
      'OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=%E0%A4%A" has a broken',
    ],
    [{ OTEL_SDK_DISABLED: 'yes' }, 'OTEL_SDK_DISABLED: must be true or false'],
    [{ OTEL_LOG_LEVEL: 'loud' }, 'OTEL_LOG_LEVEL: '],
  ])('%o is one line naming the variable, even with tracing off', (env, expected) => {
    const loaded = tracingSettingsOf(env, 'newsroom-api');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.message).toContain(`Invalid configuration: ${expected}`);
    expect(loaded.message).not.toContain('\n');
  });
});
