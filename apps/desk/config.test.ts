import { describe, expect, it } from 'vitest';
import { loadDeskConfig } from './config.mjs';

describe('the desk configuration', () => {
  it('has defaults a newcomer can run with', () => {
    const loaded = loadDeskConfig({});
    expect(loaded).toEqual({
      ok: true,
      config: {
        DESK_PORT: 4322,
        DESK_HOST: '127.0.0.1',
        DESK_URL: 'http://localhost:4322',
        API_URL: 'http://127.0.0.1:3001',
        API_TIMEOUT_MS: 10_000,
        SITE_URL: 'http://localhost:4321',
        NEWSROOM_TIMEZONE: 'Europe/London',
        MEDIA_MAX_BYTES: 20_971_520,
        DESK_METRICS_HOST: '127.0.0.1',
      },
    });
  });

  it('reads the environment and drops a trailing slash from DESK_URL', () => {
    const loaded = loadDeskConfig({
      DESK_PORT: '0',
      DESK_URL: 'https://desk.example.com/',
      API_TIMEOUT_MS: '500',
      MEDIA_MAX_BYTES: '1048576',
    });
    expect(loaded.ok && loaded.config).toMatchObject({
      DESK_PORT: 0,
      DESK_URL: 'https://desk.example.com',
      API_TIMEOUT_MS: 500,
      MEDIA_MAX_BYTES: 1_048_576,
    });
  });

  it('says in one line which setting is wrong', () => {
    const loaded = loadDeskConfig({
      DESK_PORT: '70000',
      DESK_URL: 'ftp://desk',
      NEWSROOM_TIMEZONE: 'Mars/Base',
      MEDIA_MAX_BYTES: '20 MB',
      DESK_METRICS_PORT: 'nine',
    });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.message).toMatch(
      /^Invalid configuration: .*DESK_PORT.*DESK_URL.*MEDIA_MAX_BYTES.*NEWSROOM_TIMEZONE.*DESK_METRICS_PORT/,
    );
    expect(loaded.message).not.toContain('\n');
  });
});
