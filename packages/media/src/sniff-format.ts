/** The picture formats Newsroom takes in, as their bytes say, never as a name or a header claims. */
export const inputFormats = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export type InputFormat = (typeof inputFormats)[number];

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

/**
 * The format a file's first bytes announce, or null for anything else (SVG, HEIC, text, PDF…).
 * Only a first guess: the decoder still has to read the whole picture.
 */
export function sniffFormat(bytes: Uint8Array): InputFormat | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && isAvifBrand(bytes)) return 'avif';
  return null;
}

/** An ISO-BMFF `ftyp` box naming AVIF as its major or a compatible brand (HEIC does not). */
function isAvifBrand(bytes: Uint8Array): boolean {
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(boxSize, bytes.length, 256);
  for (let at = 8; at + 4 <= end; at += 4) {
    if (at === 12) continue; // the minor version, not a brand
    const brand = ascii(bytes, at, at + 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}
