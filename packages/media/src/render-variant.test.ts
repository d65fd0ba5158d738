import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderVariant } from './render-variant.js';

// A 2000×1000 picture, dark on the left half and light on the right.
const original = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#202020' } })
  .composite([
    {
      input: { create: { width: 1000, height: 1000, channels: 3, background: '#e0e0e0' } },
      left: 1000,
      top: 0,
    },
  ])
  .jpeg()
  .toBuffer();

describe('renderVariant', () => {
  it.each([
    ['avif', 'heif'],
    ['webp', 'webp'],
    ['jpg', 'jpeg'],
  ] as const)('makes a %s of the width asked, keeping the proportions', async (format, decoded) => {
    const bytes = await renderVariant(original, { kind: 'width', width: 640, format });
    const made = await sharp(bytes).metadata();
    expect([made.format, made.width, made.height]).toEqual([decoded, 640, 320]);
  });

  it('cuts the social card and the square around the focal point, at their exact sizes', async () => {
    const card = await sharp(
      await renderVariant(original, { kind: 'crop', crop: 'card', focal: { x: 0.5, y: 0.5 }, format: 'jpg' }),
    ).metadata();
    expect([card.width, card.height]).toEqual([1200, 630]);
    const square = (x: number) =>
      renderVariant(original, { kind: 'crop', crop: 'square', focal: { x, y: 0.5 }, format: 'jpg' });
    const [lightSide, darkSide] = await Promise.all([square(0.9), square(0.1)]);
    const brightness = async (bytes: Buffer) => (await sharp(bytes).stats()).channels[0]?.mean ?? 0;
    expect((await sharp(darkSide).metadata()).width).toBe(400);
    expect(await brightness(lightSide)).toBeGreaterThan(200);
    expect(await brightness(darkSide)).toBeLessThan(50);
  });
});
