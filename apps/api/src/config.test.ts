import { describe, expect, it } from 'vitest';
import { loadApiConfig } from './config.js';

describe('API configuration', () => {
  it('has working defaults', () => {
    const loaded = loadApiConfig({});
    expect(loaded).toEqual({
      ok: true,
      config: expect.objectContaining({
        API_PORT: 3001,
        DATABASE_URL: `file:${process.cwd()}/data/newsroom.db`,
      }),
    });
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
});

describe('the database path', () => {
  it('counts a relative path from where npm was run', () => {
    const loaded = loadApiConfig({ DATABASE_URL: 'file:./data/x.db', INIT_CWD: '/srv/newsroom' });
    expect(loaded.ok && loaded.config.DATABASE_URL).toBe('file:/srv/newsroom/data/x.db');
  });
});
