import { describe, expect, it } from 'vitest';
import { maxBodyBytes, maxStoryBytes, refusalOf } from './refused-requests.mjs';

describe('what the desk refuses before reading a body', () => {
  it('lets pages and forms of a declared, modest length through', () => {
    expect(refusalOf('GET', {})).toBeNull();
    expect(refusalOf('POST', { 'content-length': String(maxBodyBytes) })).toBeNull();
  });

  it('refuses a post that does not say its length (411) or says too much (413)', () => {
    expect(refusalOf('POST', {})?.status).toBe(411);
    expect(refusalOf('POST', { 'content-length': String(maxBodyBytes + 1) })?.status).toBe(413);
    expect(refusalOf('POST', { 'content-length': '1e9' })?.status).toBe(413);
  });

  it("takes a story's save up to its own larger limit, and only there", () => {
    const length = { 'content-length': String(maxStoryBytes) };
    expect(refusalOf('POST', length, '/stories/7c1d/save')).toBeNull();
    expect(refusalOf('POST', length, '/people')?.status).toBe(413);
    expect(refusalOf('POST', length, '/stories/7c1d/save/extra')?.status).toBe(413);
    expect(
      refusalOf('POST', { 'content-length': String(maxStoryBytes + 1) }, '/stories/7c1d/save')?.status,
    ).toBe(413);
  });
});
