import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { compressed, type Encoding, isCompressible, preferredEncoding } from './content-encoding.ts';

/**
 * A complete answer held in memory (a rendered page, a static file), sent again to any number
 * of readers: compressed once per encoding on first demand, with an ETag for revalidation.
 */
export interface Representation {
  status: number;
  /** Lower-case names; no length, encoding or hop-by-hop headers. */
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** Weak: the compressed forms are the same representation in other bytes. */
  etag: string;
  encoded: Map<Exclude<Encoding, 'identity'>, Buffer | null>;
}

/** Headers that describe one transfer, not the content: never kept. */
const transferHeaders = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
]);

export function representationOf(status: number, headers: OutgoingHttpHeaders, body: Buffer): Representation {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !transferHeaders.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  }
  const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
  return { status, headers: kept, body, etag, encoded: new Map() };
}

/** Sends it to one reader: 304 when their copy is current, else the body in the best encoding they accept. */
export function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  representation: Representation,
): void {
  const { status, headers, etag } = representation;
  const compressible = isCompressible(String(headers['content-type'] ?? ''));
  const vary = compressible ? withVary(headers.vary, 'accept-encoding') : headers.vary;
  const common = { ...headers, ...(vary ? { vary } : {}), etag };
  if (status === 200 && etagMatches(req.headers['if-none-match'], etag)) {
    const { 'content-type': _type, ...rest } = common;
    res.writeHead(304, rest);
    res.end();
    return;
  }
  let body = representation.body;
  let encoding: Encoding = 'identity';
  const wanted = compressible ? preferredEncoding(req.headers['accept-encoding']) : 'identity';
  if (wanted !== 'identity') {
    let encoded = representation.encoded.get(wanted);
    if (encoded === undefined) {
      encoded = compressed(body, wanted);
      representation.encoded.set(wanted, encoded);
    }
    if (encoded) {
      body = encoded;
      encoding = wanted;
    }
  }
  res.writeHead(status, {
    ...common,
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    'content-length': body.byteLength,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function withVary(current: OutgoingHttpHeaders[string], name: string): string {
  const values = String(current ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  return values.some((value) => value.toLowerCase() === name || value === '*')
    ? values.join(', ')
    : [...values, name].join(', ');
}
