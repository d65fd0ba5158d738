import { describe, expect, it } from 'vitest';
import { parseVariantName, variantName, variantSize, variantsFor, widthsFor } from './media-variants.js';

describe('variant widths and names', () => {
  it('never enlarges: a picture gets the standard widths below its own, then its own, up to 1920', () => {
    expect(widthsFor(4032)).toEqual([320, 640, 960, 1280, 1920]);
    expect(widthsFor(1920)).toEqual([320, 640, 960, 1280, 1920]);
    expect(widthsFor(1000)).toEqual([320, 640, 960, 1000]);
    expect(widthsFor(640)).toEqual([320, 640]);
    expect(widthsFor(200)).toEqual([200]);
  });

  it('lists every width in AVIF, WebP and JPEG, then the social card and the square', () => {
    const names = variantsFor(700, { x: 0.25, y: 0.8 }).map(variantName);
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
      'card-250-800.avif',
      'card-250-800.webp',
      'card-250-800.jpg',
      'square-250-800.avif',
      'square-250-800.webp',
      'square-250-800.jpg',
    ]);
  });

  it('reads back only the names a picture has, so an address cannot ask for any size', () => {
    const picture = { width: 700, focal: { x: 0.25, y: 0.8 } };
    expect(parseVariantName('640.webp', picture)).toEqual({ kind: 'width', width: 640, format: 'webp' });
    expect(parseVariantName('card-250-800.jpg', picture)).toEqual({
      kind: 'crop',
      crop: 'card',
      focal: { x: 0.25, y: 0.8 },
      format: 'jpg',
    });
    for (const name of ['1280.webp', '641.webp', '640.png', '640.WEBP', '0640.webp', '../640.jpg']) {
      expect(parseVariantName(name, picture), name).toBeNull();
    }
  });

  it('gives a crop a new address when the focal point moves, and forgets the old one', () => {
    const moved = { width: 700, focal: { x: 0.5, y: 0.5 } };
    expect(parseVariantName('card-250-800.jpg', moved)).toBeNull();
    expect(parseVariantName('card-500-500.jpg', moved)).not.toBeNull();
    expect(parseVariantName('card.jpg', moved)).toBeNull();
    expect(parseVariantName('card-0500-500.jpg', moved)).toBeNull();
  });

  it('tells the pixel size of each variant, for width and height in the markup', () => {
    const picture = { width: 4032, height: 3024 };
    expect(variantSize({ kind: 'width', width: 640, format: 'avif' }, picture)).toEqual({
      width: 640,
      height: 480,
    });
    expect(variantSize({ kind: 'width', width: 700, format: 'jpg' }, { width: 700, height: 301 })).toEqual({
      width: 700,
      height: 301,
    });
    expect(
      variantSize({ kind: 'crop', crop: 'card', focal: { x: 0, y: 0 }, format: 'jpg' }, picture),
    ).toEqual({
      width: 1200,
      height: 630,
    });
  });
});
