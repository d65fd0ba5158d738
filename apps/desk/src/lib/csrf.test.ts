import { describe, expect, it } from 'vitest';
import { csrfVerdict, newCsrfToken, sentCsrfToken, tokensMatch } from './csrf';

const desk = ['http://localhost:4322'];
const token = newCsrfToken();

describe('the CSRF check', () => {
  it("accepts a same-origin post that carries the cookie's token", () => {
    const headers = new Headers({ origin: 'http://localhost:4322' });
    expect(csrfVerdict(headers, desk, token, token)).toEqual({ ok: true });
    const fetchMeta = new Headers({ 'sec-fetch-site': 'same-origin' });
    expect(csrfVerdict(fetchMeta, desk, token, token)).toEqual({ ok: true });
  });

  it('refuses a post from another site even with the right token', () => {
    const headers = new Headers({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(csrfVerdict(headers, desk, token, token)).toEqual({ ok: false, reason: 'cross-site' });
    expect(csrfVerdict(new Headers({ 'sec-fetch-site': 'same-site' }), desk, token, token).ok).toBe(false);
    expect(csrfVerdict(new Headers({ origin: 'null' }), desk, token, token).ok).toBe(false);
    expect(csrfVerdict(new Headers(), desk, token, token).ok).toBe(false);
  });

  it('refuses a same-origin post whose token is missing, wrong or not one of ours', () => {
    const headers = new Headers({ origin: 'http://localhost:4322' });
    expect(csrfVerdict(headers, desk, token, null)).toEqual({ ok: false, reason: 'token' });
    expect(csrfVerdict(headers, desk, token, newCsrfToken())).toEqual({ ok: false, reason: 'token' });
    expect(csrfVerdict(headers, desk, null, token).ok).toBe(false);
    expect(tokensMatch('short', 'short')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });

  it("reads the token from the x-csrf-token header or the form's csrf field, leaving the body to the page", async () => {
    const form = new Request('http://localhost:4322/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: token, email: 'ada@example.com' }),
    });
    expect(await sentCsrfToken(form)).toBe(token);
    expect((await form.formData()).get('email')).toBe('ada@example.com');
    const json = new Request('http://localhost:4322/passkeys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      body: '{}',
    });
    expect(await sentCsrfToken(json)).toBe(token);
    const bare = new Request('http://localhost:4322/x', { method: 'POST', body: 'csrf=1' });
    expect(await sentCsrfToken(bare)).toBe(null);
  });
});
