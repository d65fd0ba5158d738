import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { MediaError } from './media-error.js';
import { isPolyglot } from './polyglot.js';
import { type InputFormat, sniffFormat } from './sniff-format.js';
import './sharp-settings.js';

/** A picture as Newsroom keeps it: upright, sRGB, with no metadata left, addressed by its hash. */
export interface CleanPicture {
  /** SHA-256 of `bytes`, hex: the same picture uploaded twice is one picture. */
  hash: string;
  bytes: Buffer;
  /** The format kept: the upload's own, except a GIF, whose first frame is kept as PNG. */
  format: 'jpeg' | 'png' | 'webp' | 'avif';
  width: number;
  height: number;
}

export interface CleanLimits {
  /** Width × height above which a picture is refused from its header, before any decoding. */
  maxPixels: number;
}

/**
 * Checks an uploaded file and returns the picture to keep, or throws a MediaError saying why not.
 * Orientation is applied and then every metadata block (EXIF with its GPS position, XMP, IPTC,
 * ICC) is dropped by re-encoding, so a source's location never leaves the newsroom.
 */
export async function cleanUpload(bytes: Uint8Array, limits: CleanLimits): Promise<CleanPicture> {
  const format = sniffFormat(bytes);
  if (!format) {
    throw new MediaError('not-a-picture', 'This file is not a JPEG, PNG, WebP, AVIF or GIF picture.');
  }
  if (isPolyglot(bytes, format)) {
    throw new MediaError('not-only-a-picture', 'This file holds markup or script as well as a picture.');
  }
  // Reading the header decodes no pixels, so it may see any size; the limit is applied just below.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw corrupt(format);
    });
  if (!header.width || !header.height || header.format !== sharpFormat[format]) throw corrupt(format);
  const pixels = header.width * header.height;
  if (pixels > limits.maxPixels) {
    throw new MediaError(
      'too-many-pixels',
      `This picture is ${header.width} × ${header.height} pixels; at most ${(limits.maxPixels / 1e6).toLocaleString('en')} megapixels are taken.`,
    );
  }
  const kept = format === 'gif' ? 'png' : format;
  const pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels })
    .rotate()
    .toColourspace('srgb');
  const { data, info } = await encode(pipeline, kept)
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw corrupt(format);
    });
  return {
    hash: createHash('sha256').update(data).digest('hex'),
    bytes: data,
    format: kept,
    width: info.width,
    height: info.height,
  };
}

const sharpFormat: Record<InputFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  avif: 'heif',
  gif: 'gif',
};

function corrupt(format: InputFormat) {
  return new MediaError('corrupt', `This ${format.toUpperCase()} file is damaged or incomplete.`);
}

// Quality high enough that the variants made from the kept picture lose nothing visible.
function encode(pipeline: Sharp, format: CleanPicture['format']): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 92 });
    case 'png':
      return pipeline.png();
    case 'webp':
      return pipeline.webp({ quality: 92 });
    case 'avif':
      return pipeline.avif({ quality: 80, effort: 2 });
  }
}
