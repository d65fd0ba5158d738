import type { InputFormat } from './sniff-format.js';

// Markup a browser or another program could act on.
const activeContent = /<(script|html|svg|iframe|object|embed|body|\?php)\b|javascript:/i;
// What another file starts with, appended after the picture: markup, a zip, a PDF, a program.
const appendedSignatures = ['<', 'PK\x03\x04', '%PDF', 'MZ'];
// Browsers decide what a file is from its first 512 bytes; markup there is what makes a file
// open as a page. Twice that covers the metadata segments a payload usually hides in.
const sniffedBytes = 1_024;

/**
 * Whether a picture is also something else: markup within the bytes a browser sniffs, or a page,
 * archive, PDF or program appended after the picture's end. Only those places are searched:
 * compressed pixels are random bytes, and searching them all would find `<svg` by chance in
 * about one 7 MB photo in fifty. Data a camera appends (a motion photo's video) is not refused;
 * the clean copy drops it with the rest.
 */
export function isPolyglot(bytes: Uint8Array, format: InputFormat): boolean {
  const text = (start: number, end?: number) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
  if (activeContent.test(text(0, sniffedBytes))) return true;
  const end = pictureEnd(bytes, format);
  if (end === null || end >= bytes.length) return false;
  const appended = text(end, end + sniffedBytes).trimStart();
  return appendedSignatures.some((signature) => appended.startsWith(signature));
}

/** Where the picture's own bytes end, as far as its format says; null when it cannot say. */
function pictureEnd(bytes: Uint8Array, format: InputFormat): number | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (format) {
    case 'jpeg': {
      const at = buffer.lastIndexOf(Buffer.from([0xff, 0xd9]));
      return at < 0 ? null : at + 2;
    }
    case 'png': {
      const at = buffer.lastIndexOf('IEND', undefined, 'latin1');
      return at < 0 ? null : at + 8; // the type, then its CRC
    }
    case 'gif': {
      const at = buffer.lastIndexOf(0x3b);
      return at < 0 ? null : at + 1;
    }
    case 'webp':
      return buffer.length >= 8 ? 8 + buffer.readUInt32LE(4) : null;
    case 'avif': {
      let at = 0;
      while (at + 8 <= buffer.length) {
        const size = buffer.readUInt32BE(at);
        if (size < 8) return null; // 0 (to the end) or 1 (64-bit sizes): trust the decoder
        at += size;
      }
      return at;
    }
  }
}
