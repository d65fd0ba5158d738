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
  /**
   * What every answer of it carries (its headers, Vary, ETag) as the flat [name, value, …] list
   * node:http writes fastest, worked out once; and the same for a 304, without content-type.
   */
  sentHeaders: string[];
  notModifiedHeaders: string[];
  /** Whether its content type is worth compressing (text, JSON, SVG…). */
  compressible: boolean;
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
  const compressible = isCompressible(String(kept['content-type'] ?? ''));
  const vary = compressible ? withVary(kept.vary, 'accept-encoding') : kept.vary;
  const sent: OutgoingHttpHeaders = { ...kept, ...(vary ? { vary } : {}), etag };
  const { 'content-type': _type, ...notModified } = sent;
  return {
    status,
    headers: kept,
    body,
    etag,
    encoded: new Map(),
    sentHeaders: rawHeadersOf(sent),
    notModifiedHeaders: rawHeadersOf(notModified),
    compressible,
  };
}

/** Sends it to one reader: 304 when their copy is current, else the body in the best encoding they accept. */
export function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  representation: Representation,
  /** Headers of this sending only ([name, value, …]): whether it came from the page cache. */
  extra: readonly string[] = [],
): void {
  const { status, etag, compressible } = representation;
  if (status === 200 && etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, [...representation.notModifiedHeaders, ...extra]);
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
  const transfer = ['content-length', String(body.byteLength)];
  if (encoding !== 'identity') transfer.push('content-encoding', encoding);
  res.writeHead(status, [...representation.sentHeaders, ...extra, ...transfer]);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function rawHeadersOf(headers: OutgoingHttpHeaders): string[] {
  const raw: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) raw.push(name, String(one));
  }
  return raw;
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
