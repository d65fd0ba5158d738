import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bestBrotli, compressed, isCompressible, preferredEncoding } from './content-encoding.ts';

describe('preferredEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0 and *', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('gzip, deflate')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0, identity')).toBe('identity');
    expect(preferredEncoding('')).toBe('identity');
    expect(preferredEncoding(undefined)).toBe('identity');
    expect(preferredEncoding('GZIP')).toBe('gzip');
  });
});

describe('compression', () => {
  const page = Buffer.from(`<!doctype html><p>${'The harbour reopened on Friday. '.repeat(200)}</p>`);

  it('gives bytes that decompress to the page, smaller than it', async () => {
    const br = compressed(page, 'br');
    const gzip = compressed(page, 'gzip');
    expect(br && brotliDecompressSync(br).equals(page)).toBe(true);
    expect(gzip && gunzipSync(gzip).equals(page)).toBe(true);
    expect(br?.byteLength).toBeLessThan(page.byteLength / 4);
    const best = await bestBrotli(page);
    expect(brotliDecompressSync(best).equals(page)).toBe(true);
    expect(best.byteLength).toBeLessThanOrEqual(br?.byteLength ?? 0);
  });

  it('leaves small bodies alone, and compresses text types only', () => {
    expect(compressed(Buffer.from('short'), 'br')).toBeNull();
    expect(isCompressible('text/html; charset=utf-8')).toBe(true);
    expect(isCompressible('image/svg+xml')).toBe(true);
    expect(isCompressible('application/rss+xml; charset=utf-8')).toBe(true);
    expect(isCompressible('image/png')).toBe(false);
    expect(isCompressible(undefined)).toBe(false);
  });
});
