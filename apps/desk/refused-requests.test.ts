import { describe, expect, it } from 'vitest';
import { maxBodyBytes, maxStoryBytes, refusalOf, uploadEnvelopeBytes } from './refused-requests.mjs';

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

  it("takes a picture's upload up to MEDIA_MAX_BYTES and its form around it, and only there", () => {
    const max = 20_971_520;
    const length = (n: number) => ({ 'content-length': String(n) });
    expect(refusalOf('POST', length(max + uploadEnvelopeBytes), '/library/upload', max)).toBeNull();
    const over = refusalOf('POST', length(max + uploadEnvelopeBytes + 1), '/library/upload', max);
    expect(over).toEqual({ status: 413, text: 'That picture is larger than the 20 MB the newsroom takes.' });
    expect(refusalOf('POST', {}, '/library/upload', max)?.status).toBe(411);
    expect(refusalOf('POST', length(max), '/library/upload/more', max)?.status).toBe(413);
    expect(refusalOf('POST', length(max), '/library', max)?.status).toBe(413);
  });
});
