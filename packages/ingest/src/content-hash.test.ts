import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHashOf } from './content-hash.js';

describe('contentHashOf', () => {
  it('is the SHA-256 hex of the normalized text', () => {
    expect(contentHashOf('  Headline  \n\nBody.\n')).toBe(
      createHash('sha256').update('Headline\n\nBody.').digest('hex'),
    );
  });

  it('is the same for Windows line endings, trailing spaces and composed or decomposed letters', () => {
    const base = contentHashOf('Café\nopens.');
    expect(contentHashOf('Cafe\u0301\r\nopens.  ')).toBe(base);
    expect(contentHashOf('Café\nopens. ')).toBe(base);
  });

  it('differs when a word differs', () => {
    expect(contentHashOf('Café opens.')).not.toBe(contentHashOf('Café closes.'));
  });
});
