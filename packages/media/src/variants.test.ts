import { describe, expect, it } from 'vitest';
import { parseVariantName, variantName, variantsFor, widthsFor } from './variants.js';

describe('variant widths and names', () => {
  it('never enlarges: a picture gets the standard widths below its own, then its own, up to 1920', () => {
    expect(widthsFor(4032)).toEqual([320, 640, 960, 1280, 1920]);
    expect(widthsFor(1920)).toEqual([320, 640, 960, 1280, 1920]);
    expect(widthsFor(1000)).toEqual([320, 640, 960, 1000]);
    expect(widthsFor(640)).toEqual([320, 640]);
    expect(widthsFor(200)).toEqual([200]);
  });

  it('lists every width in AVIF, WebP and JPEG, then the social card and the square', () => {
    const names = variantsFor(700).map(variantName);
    expect(names).toEqual([
      '320.avif',
      '320.webp',
      '320.jpg',
      '640.avif',
      '640.webp',
      '640.jpg',
      '700.avif',
      '700.webp',
      '700.jpg',
      'card.avif',
      'card.webp',
      'card.jpg',
      'square.avif',
      'square.webp',
      'square.jpg',
    ]);
  });

  it('reads back only the names a picture has, so an address cannot ask for any size', () => {
    expect(parseVariantName('640.webp', 700)).toEqual({ kind: 'width', width: 640, format: 'webp' });
    expect(parseVariantName('card.jpg', 700)).toEqual({ kind: 'crop', crop: 'card', format: 'jpg' });
    for (const name of ['1280.webp', '641.webp', '640.png', '640.WEBP', '0640.webp', 'card', '../640.jpg']) {
      expect(parseVariantName(name, 700), name).toBeNull();
    }
  });
});
