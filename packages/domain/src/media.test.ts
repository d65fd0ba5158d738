import { describe, expect, it } from 'vitest';
import type { Block } from './blocks.js';
import { mediaHashesIn, mediaHashOf, mediaPath, UpdateMediaInputSchema } from './media.js';

const hash = 'ab'.repeat(32);
const other = 'cd'.repeat(32);
const image = (src: string): Block => ({
  type: 'image',
  src,
  alt: '',
  caption: null,
  credit: null,
  width: 4,
  height: 3,
});

describe('media references', () => {
  it('reads a kept picture from its path and nothing else', () => {
    expect(mediaHashOf(mediaPath(hash))).toBe(hash);
    for (const src of [
      `/media/${hash}/640.jpg`,
      `/media/${hash.toUpperCase()}`,
      `https://example.com/media/${hash}`,
      '/media/abc',
    ]) {
      expect(mediaHashOf(src), src).toBeNull();
    }
  });

  it('lists each kept picture an article uses once, hero and body alike, and no outside picture', () => {
    const body: Block[] = [
      { type: 'paragraph', text: 'Before.' },
      image(mediaPath(other)),
      image('https://wire.example/photo.jpg'),
      image(mediaPath(hash)),
    ];
    expect(mediaHashesIn({ heroImage: { src: mediaPath(hash) }, body })).toEqual([hash, other]);
    expect(mediaHashesIn({ heroImage: null, body: [] })).toEqual([]);
  });

  it('takes a focal point only inside the picture, and no field it does not know', () => {
    expect(UpdateMediaInputSchema.parse({ focal: { x: 0.25, y: 1 } })).toEqual({ focal: { x: 0.25, y: 1 } });
    expect(UpdateMediaInputSchema.safeParse({ focal: { x: 1.5, y: 0 } }).success).toBe(false);
    expect(UpdateMediaInputSchema.safeParse({ width: 10 }).success).toBe(false);
  });
});
