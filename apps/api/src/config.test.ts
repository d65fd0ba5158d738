import { describe, expect, it } from 'vitest';
import { deskSettingsOf, loadApiConfig } from './config.js';

describe('API configuration', () => {
  it('has working defaults', () => {
    const loaded = loadApiConfig({});
    expect(loaded).toEqual({
      ok: true,
      config: {
        API_PORT: 3001,
        API_HOST: '127.0.0.1',
        DATABASE_URL: `file:${process.cwd()}/data/newsroom.db`,
        API_MAX_BODY_BYTES: 1_000_000,
        LOG_LEVEL: 'info',
        API_CORS_ORIGINS: [],
        API_TRUST_PROXY: false,
        API_RATE_LIMIT_WRITES: 60,
        API_RATE_LIMIT_COMMENTS: 5,
        API_RATE_LIMIT_BAD_TOKENS: 30,
        API_CACHE_S_MAXAGE: 30,
        API_MAX_BATCH: 20,
        DATABASE_POOL_SIZE: 10,
        API_RESPONSE_CACHE_MB: 64,
        API_RESPONSE_CACHE_TTL_S: 3_600,
        API_SCHEDULER_INTERVAL_MS: 5_000,
        EVENTS_RETENTION_DAYS: 7,
        API_SHUTDOWN_TIMEOUT_MS: 10_000,
        API_HEADERS_TIMEOUT_MS: 10_000,
        API_REQUEST_TIMEOUT_MS: 30_000,
        MEDIA_MAX_BYTES: 20_971_520,
        MEDIA_MAX_PIXELS: 50_000_000,
        MEDIA_ENCODINGS: 2,
        DESK_URL: 'http://localhost:4322',
        DESK_SESSION_IDLE_H: 12,
        DESK_SESSION_DAYS: 30,
        SITE_URL: 'http://localhost:4321',
        WEBHOOK_SENDS: 8,
        WEBHOOK_ALLOW_PRIVATE: false,
        METRICS_HOST: '127.0.0.1',
        READY_MAX_EVENT_LAG_S: 0,
      },
    });
  });

  it('takes webhook settings and the site address, refusing what they cannot be in one line', () => {
    expect(
      loadApiConfig({ SITE_URL: 'https://news.example/', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SENDS: '0' }),
    ).toMatchObject({
      ok: true,
      config: { SITE_URL: 'https://news.example', WEBHOOK_ALLOW_PRIVATE: true, WEBHOOK_SENDS: 0 },
    });
    expect(loadApiConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toEqual({
      ok: false,
      message: 'Invalid configuration: WEBHOOK_ALLOW_PRIVATE: must be true or false',
    });
    expect(loadApiConfig({ SITE_URL: 'news.example' })).toEqual({
      ok: false,
      message: 'Invalid configuration: SITE_URL: must be an http(s) address, e.g. https://news.example',
    });
  });

  it('gives the context the desk address and session lengths in milliseconds', () => {
    const loaded = loadApiConfig({
      DESK_URL: 'https://desk.news.example/',
      DESK_SESSION_IDLE_H: '2',
      DESK_SESSION_DAYS: '7',
    });
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(deskSettingsOf(loaded.config)).toEqual({
        url: 'https://desk.news.example',
        sessionIdleMs: 2 * 3_600_000,
        sessionLifetimeMs: 7 * 24 * 3_600_000,
      });
    }
  });

  it('refuses a desk address that is not an http(s) origin, saying what one looks like', () => {
    for (const wrong of ['desk.news.example', 'ftp://desk.news.example', 'https://news.example/desk']) {
      const loaded = loadApiConfig({ DESK_URL: wrong });
      expect(loaded.ok, wrong).toBe(false);
      if (!loaded.ok) expect(loaded.message).toContain('DESK_URL: must be an origin');
    }
  });

  it('refuses session lengths out of range, and an idle limit past the lifetime', () => {
    expect(loadApiConfig({ DESK_SESSION_IDLE_H: '0' }).ok).toBe(false);
    expect(loadApiConfig({ DESK_SESSION_DAYS: '366' }).ok).toBe(false);
    expect(loadApiConfig({ DESK_SESSION_IDLE_H: '49', DESK_SESSION_DAYS: '2' })).toEqual({
      ok: false,
      message: 'Invalid configuration: DESK_SESSION_IDLE_H: must not be longer than DESK_SESSION_DAYS',
    });
  });

  it('leaves metrics off unless METRICS_PORT is set, and refuses a port that cannot be', () => {
    const on = loadApiConfig({ METRICS_PORT: '9464', READY_MAX_EVENT_LAG_S: '600' });
    expect(on.ok && on.config).toMatchObject({ METRICS_PORT: 9464, READY_MAX_EVENT_LAG_S: 600 });
    const wrong = loadApiConfig({ METRICS_PORT: '99999' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.message).toMatch(/^Invalid configuration: METRICS_PORT: /);
  });

  it('explains a wrong value in one line', () => {
    const loaded = loadApiConfig({ API_PORT: 'eighty' });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.message).toBe('Invalid configuration: API_PORT: expected number, received NaN');
      expect(loaded.message).not.toContain('\n');
    }
  });

  it('refuses a database URL it cannot open yet', () => {
    const loaded = loadApiConfig({ DATABASE_URL: 'mysql://localhost/db' });
    expect(loaded.ok).toBe(false);
  });

  it('refuses an unknown log level and limits below one', () => {
    expect(loadApiConfig({ LOG_LEVEL: 'loud' }).ok).toBe(false);
    expect(loadApiConfig({ API_RATE_LIMIT_WRITES: '0' }).ok).toBe(false);
    expect(loadApiConfig({ API_MAX_BATCH: '0' }).ok).toBe(false);
    expect(loadApiConfig({ API_SCHEDULER_INTERVAL_MS: '-1' }).ok).toBe(false);
    expect(loadApiConfig({ EVENTS_RETENTION_DAYS: '0' }).ok).toBe(false);
    expect(loadApiConfig({ EVENTS_RETENTION_DAYS: '30' })).toMatchObject({
      config: { EVENTS_RETENTION_DAYS: 30 },
    });
  });

  it('refuses picture limits out of range, naming the variable', () => {
    const loaded = loadApiConfig({ MEDIA_MAX_BYTES: '20MB' });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.message).toBe('Invalid configuration: MEDIA_MAX_BYTES: expected number, received NaN');
    expect(loadApiConfig({ MEDIA_MAX_PIXELS: '1000' }).ok).toBe(false);
    expect(loadApiConfig({ MEDIA_ENCODINGS: '0' }).ok).toBe(false);
    expect(loadApiConfig({ MEDIA_MAX_BYTES: '5000000', MEDIA_ENCODINGS: '4' })).toMatchObject({
      ok: true,
      config: { MEDIA_MAX_BYTES: 5_000_000, MEDIA_ENCODINGS: 4 },
    });
  });

  it('refuses a headers timeout longer than the request timeout, saying so', () => {
    const loaded = loadApiConfig({ API_HEADERS_TIMEOUT_MS: '20000', API_REQUEST_TIMEOUT_MS: '5000' });
    expect(loaded).toEqual({
      ok: false,
      message:
        'Invalid configuration: API_HEADERS_TIMEOUT_MS: must not be longer than API_REQUEST_TIMEOUT_MS',
    });
  });
});

describe('CORS origins', () => {
  it('are a comma-separated list of origins', () => {
    const loaded = loadApiConfig({ API_CORS_ORIGINS: 'https://news.example, http://localhost:4321,' });
    expect(loaded.ok && loaded.config.API_CORS_ORIGINS).toEqual([
      'https://news.example',
      'http://localhost:4321',
    ]);
  });

  it('refuse anything that is not an origin, naming it', () => {
    for (const wrong of [
      '*',
      'news.example',
      'https://news.example/',
      'https://news.example/path',
      'ftp://x.example',
    ]) {
      const loaded = loadApiConfig({ API_CORS_ORIGINS: `https://ok.example,${wrong}` });
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) expect(loaded.message).toContain(`API_CORS_ORIGINS: "${wrong}" is not an origin`);
    }
  });
});

describe('trusting a proxy', () => {
  it('is off by default, and takes true, a hop count or addresses', () => {
    const trust = (value: string) => {
      const loaded = loadApiConfig({ API_TRUST_PROXY: value });
      return loaded.ok ? loaded.config.API_TRUST_PROXY : loaded.message;
    };
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.1, 192.168.0.0/16')).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(trust('yes please')).toMatch(/^Invalid configuration: API_TRUST_PROXY: /);
  });
});

describe('the database path', () => {
  it('counts a relative path from where npm was run', () => {
    const loaded = loadApiConfig({ DATABASE_URL: 'file:./data/x.db', INIT_CWD: '/srv/newsroom' });
    expect(loaded.ok && loaded.config.DATABASE_URL).toBe('file:/srv/newsroom/data/x.db');
  });
});
