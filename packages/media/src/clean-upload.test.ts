import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanUpload } from './clean-upload.js';
import { MediaError } from './media-error.js';
import { pngClaiming } from './testing/pictures.js';

const limits = { maxPixels: 50_000_000 };

/** A small picture with some detail, made here so every test knows exactly what went in. */
function picture(width = 40, height = 30) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 37 + (i >> 7) * 11) & 0xff;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

async function refusal(bytes: Uint8Array) {
  const error = await cleanUpload(bytes, limits).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MediaError);
  return error as MediaError;
}

/** Whether EXIF's pointer to its GPS block (tag 0x8825 of type LONG) appears, in either byte order. */
function hasGpsPointer(bytes: Buffer | undefined) {
  const littleEndian = Buffer.from([0x25, 0x88, 0x04, 0x00]);
  const bigEndian = Buffer.from([0x88, 0x25, 0x00, 0x04]);
  return Boolean(bytes?.includes(littleEndian) || bytes?.includes(bigEndian));
}

describe('cleanUpload', () => {
  it.each([
    ['JPEG', () => picture().jpeg(), 'jpeg'],
    ['PNG', () => picture().png(), 'png'],
    ['WebP', () => picture().webp(), 'webp'],
    ['AVIF', () => picture().avif(), 'avif'],
    ['GIF (its first frame, kept as PNG)', () => picture().gif(), 'png'],
  ] as const)('takes a %s picture and keeps it addressed by its SHA-256', async (_name, make, kept) => {
    const clean = await cleanUpload(await make().toBuffer(), limits);
    expect(clean).toMatchObject({ format: kept, width: 40, height: 30 });
    expect(clean.hash).toBe(createHash('sha256').update(clean.bytes).digest('hex'));
    const stored = await sharp(clean.bytes).metadata();
    expect(stored.format).toBe(kept === 'avif' ? 'heif' : kept);
    expect(stored.space).toBe('srgb');
  });

  it('keeps only the first frame of an animated GIF', async () => {
    const frames = Buffer.concat([Buffer.alloc(40 * 30 * 3, 200), Buffer.alloc(40 * 30 * 3, 20)]);
    const gif = await sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const clean = await cleanUpload(gif, limits);
    expect(clean).toMatchObject({ format: 'png', width: 40, height: 30 });
    expect((await sharp(clean.bytes).stats()).channels[0]?.mean).toBeGreaterThan(150);
  });

  it('turns a picture upright and drops its GPS position, its XMP and every other metadata block', async () => {
    const tagged = await picture()
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Copyright: 'Agency' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 0/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 0/1',
        },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
      )
      .toBuffer();
    const before = await sharp(tagged).metadata();
    expect(before.exif?.toString('latin1')).toContain('Agency');
    expect(before.xmp).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(hasGpsPointer(before.exif)).toBe(true);

    const clean = await cleanUpload(tagged, limits);
    const after = await sharp(clean.bytes).metadata();
    expect([after.width, after.height]).toEqual([30, 40]);
    expect(after.exif).toBeUndefined();
    expect(hasGpsPointer(clean.bytes)).toBe(false);
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(clean.bytes.toString('latin1')).not.toContain('Agency');
  });

  it('stores one picture once: the same pixels with different metadata have one hash', async () => {
    const plain = await picture().png().toBuffer();
    const tagged = await picture()
      .png()
      .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 52/1 0/1' } })
      .toBuffer();
    expect(plain.equals(tagged)).toBe(false);
    const [first, second, again] = await Promise.all(
      [plain, tagged, plain].map((each) => cleanUpload(each, limits)),
    );
    expect(second?.hash).toBe(first?.hash);
    expect(again?.hash).toBe(first?.hash);
  });

  it('refuses a text file named like a picture, and an SVG, which can carry script', async () => {
    const text = await refusal(Buffer.from('Minutes of the council meeting, Tuesday.\n'.repeat(20)));
    expect(text.reason).toBe('not-a-picture');
    expect(text.message).toBe('This file is not a JPEG, PNG, WebP, AVIF or GIF picture.');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    expect((await refusal(svg)).reason).toBe('not-a-picture');
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const whole = await picture(400, 300).jpeg().toBuffer();
    const cut = await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(cut.reason).toBe('corrupt');
    expect(cut.message).toBe('This JPEG file is damaged or incomplete.');
  });

  it('refuses a PNG whose header claims 30,000 × 30,000 pixels without decoding it', async () => {
    const bomb = await refusal(pngClaiming(30_000, 30_000));
    expect(bomb.reason).toBe('too-many-pixels');
    expect(bomb.message).toBe('This picture is 30000 × 30000 pixels; at most 50 megapixels are taken.');
  });

  it('refuses a polyglot: a valid JPEG that carries an HTML page after its picture', async () => {
    const jpeg = await picture().jpeg().toBuffer();
    const polyglot = Buffer.concat([jpeg, Buffer.from('<html><script>fetch("/steal")</script></html>')]);
    expect((await refusal(polyglot)).reason).toBe('not-only-a-picture');
  });
});
