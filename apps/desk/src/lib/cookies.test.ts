import { describe, expect, it } from 'vitest';
import { csrfCookieName, expiredCookieOptions, sessionCookieName, sessionCookieOptions } from './cookies';

describe('the session cookie', () => {
  it('is nr_session, not Secure, over plain http (a laptop)', () => {
    expect(sessionCookieName('http://localhost:4322')).toBe('nr_session');
    expect(
      sessionCookieOptions(
        'http://localhost:4322',
        '2026-01-01T01:00:00.000Z',
        Date.parse('2026-01-01T00:00:00Z'),
      ),
    ).toEqual({
      httpOnly: true,
      secure: false,
      sameSite: 'lax',
      path: '/',
      maxAge: 3600,
    });
  });

  it('is __Host- prefixed and Secure when the desk is served over https', () => {
    expect(sessionCookieName('https://desk.example.com')).toBe('__Host-nr_session');
    expect(csrfCookieName('https://desk.example.com')).toBe('__Host-nr_csrf');
    const options = sessionCookieOptions(
      'https://desk.example.com',
      '2026-01-01T00:00:10Z',
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(options).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'lax', maxAge: 10 });
  });

  it('never outlives its session: an ended one gets Max-Age 0', () => {
    expect(sessionCookieOptions('http://localhost:4322', '2020-01-01T00:00:00Z').maxAge).toBe(0);
    expect(expiredCookieOptions('https://desk.example.com')).toMatchObject({
      maxAge: 0,
      secure: true,
      path: '/',
    });
  });
});
