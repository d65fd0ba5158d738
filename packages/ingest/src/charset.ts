import { IngestError } from './ingest-error.js';

/** How far into a page a `<meta charset>` is looked for, as browsers do (WHATWG's prescan). */
const prescanBytes = 1024;

/**
 * The character set the bytes are declared in, or null: a byte-order mark first, then the
 * `charset` of the HTTP Content-Type, then (for a web page) a `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024 bytes.
 */
export function declaredCharset(
  bytes: Uint8Array,
  options: { contentType?: string | null; html: boolean },
): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const fromHeader = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(options.contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  if (!options.html) return null;
  const head = Buffer.from(bytes.subarray(0, prescanBytes)).toString('latin1');
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  return meta ? meta.toLowerCase() : null;
}

/**
 * The bytes as text in their declared character set (Windows-1252, ISO-8859-1 and every other
 * label the WHATWG Encoding standard knows), or UTF-8 when none is declared. Undeclared bytes
 * that are not valid UTF-8 are refused rather than guessed at.
 */
export function decodeText(bytes: Uint8Array, origin: string, charset: string | null): string {
  if (bytes.length === 0) throw new IngestError(`${origin}: empty`);
  if (bytes.includes(0)) throw new IngestError(`${origin}: binary data (NUL bytes), not text`);
  const label = charset ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new IngestError(`${origin}: declared in the character set "${label}", which cannot be read`);
  }
  let text: string;
  try {
    // Strips a byte-order mark (ignoreBOM is false).
    text = decoder.decode(bytes);
  } catch {
    throw new IngestError(
      decoder.encoding === 'utf-8'
        ? `${origin}: not valid UTF-8 text`
        : `${origin}: not valid ${decoder.encoding} text, as it declares`,
    );
  }
  if (!text.trim()) throw new IngestError(`${origin}: empty (only whitespace)`);
  return text;
}
