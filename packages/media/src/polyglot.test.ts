import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isPolyglot } from './polyglot.js';

const noise = (format: 'jpeg' | 'png') =>
  sharp({
    create: {
      width: 300,
      height: 200,
      channels: 3,
      background: '#777',
      noise: { type: 'gaussian', mean: 120, sigma: 50 },
    },
  })
    .toFormat(format)
    .toBuffer();

describe('isPolyglot', () => {
  it('finds markup in the bytes a browser sniffs, such as a comment segment', async () => {
    const jpeg = await noise('jpeg');
    const comment = Buffer.from('<script>alert(1)</script>');
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, comment.length + 2]), comment]);
    expect(isPolyglot(Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]), 'jpeg')).toBe(true);
  });

  it('finds a page, an archive or a PDF appended after the picture', async () => {
    const jpeg = await noise('jpeg');
    const png = await noise('png');
    expect(isPolyglot(Buffer.concat([jpeg, Buffer.from('\n<html><body>hi</body></html>')]), 'jpeg')).toBe(
      true,
    );
    expect(isPolyglot(Buffer.concat([png, Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1')]), 'png')).toBe(
      true,
    );
    expect(isPolyglot(Buffer.concat([png, Buffer.from('%PDF-1.7\n')]), 'png')).toBe(true);
  });

  it('takes a photo whose compressed pixels spell markup by chance, and a motion photo’s video', async () => {
    const jpeg = await noise('jpeg');
    const chance = Buffer.from(jpeg);
    chance.write('<svg javascript:', Math.floor(jpeg.length / 2), 'latin1');
    expect(isPolyglot(chance, 'jpeg')).toBe(false);
    const video = Buffer.from('\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom', 'latin1');
    expect(isPolyglot(Buffer.concat([jpeg, video]), 'jpeg')).toBe(false);
    expect(isPolyglot(jpeg, 'jpeg')).toBe(false);
  });
});
