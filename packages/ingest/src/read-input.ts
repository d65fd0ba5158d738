import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBodyAtMost } from './bounded-body.js';
import { declaredCharset, decodeText } from './charset.js';
import { IngestError } from './ingest-error.js';
import { PrivateAddressError, publicFetch } from './public-fetch.js';

export const defaultMaxBytes = 10 * 1024 * 1024;
export const defaultTimeoutMs = 15_000;

export interface ReadInputOptions {
  /** The largest input accepted, in bytes (10 MB unless given). */
  maxBytes?: number;
  /** How long a URL may take to answer in full, in milliseconds (15 s unless given). */
  timeoutMs?: number;
  /**
   * Whether a URL may lead to a private or loopback address (NEWSROOM_FETCH_PRIVATE=allow);
   * by default only the public internet is fetched from (public-fetch.ts).
   */
  allowPrivateNetworks?: boolean;
  /** For tests and proxies: the fetch to use for URLs. */
  fetch?: typeof fetch;
}

export interface Input {
  /** The path or URL as given, for messages and drafts. */
  origin: string;
  /** The file name (or the URL's last path segment), for telling formats apart. */
  name: string;
  /** The input as text, decoded from its declared character set, without a byte-order mark. */
  text: string;
  /** A URL's Content-Type without its parameters ("text/html"); null for a file. */
  mediaType: string | null;
}

/** Names Newsroom to the sites it reads, so their operators know who is asking. */
export const userAgent = 'Newsroom-Importer/1.0 (news story import)';

/** What a URL may answer: pages, text, Markdown and feeds. Pictures, PDFs and the rest are refused. */
const readableTypes =
  /^(?:text\/(?:html|plain|markdown|x-markdown|xml)|application\/(?:xhtml\+xml|rss\+xml|atom\+xml|xml|octet-stream))$/;

/** Whether bytes read from a file are a web page, whose <meta charset> says how to read them. */
const looksLikeHtml = (name: string, bytes: Uint8Array) =>
  /\.html?$/i.test(name) || /^\s*</.test(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));

/**
 * The text of a file or an http(s) URL, or an IngestError with one line saying why not: no such
 * file, a directory, unreadable, empty, larger than maxBytes (a file is measured before it is
 * read, a download while it streams), binary (NUL bytes), not valid in its declared character
 * set (UTF-8 when none is declared: see charset.ts), unreachable, a private or loopback address
 * (unless allowed), more than 5 redirects, a non-2xx answer, a content type that is not a page,
 * text or a feed, or no full answer within timeoutMs.
 */
export async function readInput(pathOrUrl: string, options: ReadInputOptions = {}): Promise<Input> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const fetchUrl = options.fetch ?? publicFetch({ allowPrivate: options.allowPrivateNetworks ?? false });
    return readUrl(pathOrUrl, maxBytes, options.timeoutMs ?? defaultTimeoutMs, fetchUrl);
  }
  if (/^file:\/\//i.test(pathOrUrl)) return readFile(fileURLToPath(pathOrUrl), pathOrUrl, maxBytes);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(pathOrUrl)) {
    throw new IngestError(`${pathOrUrl}: only files and http(s) URLs can be read`);
  }
  return readFile(pathOrUrl, pathOrUrl, maxBytes);
}

async function readFile(path: string, origin: string, maxBytes: number): Promise<Input> {
  if (!path.trim()) throw new IngestError('no file named (the path is empty)');
  const info = await stat(path).catch((error: unknown) => {
    throw new IngestError(`${origin}: ${fileProblem(error)}`);
  });
  if (info.isDirectory()) throw new IngestError(`${origin}: a directory, not a file`);
  if (!info.isFile()) throw new IngestError(`${origin}: not a regular file`);
  if (info.size > maxBytes)
    throw new IngestError(`${origin}: ${sizeOf(info.size)}, over the limit of ${sizeOf(maxBytes)}`);

  const handle = await open(path, 'r').catch((error: unknown) => {
    throw new IngestError(`${origin}: ${fileProblem(error)}`);
  });
  try {
    // The file may have grown since stat: read at most one byte past the limit to notice.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new IngestError(`${origin}: over the limit of ${sizeOf(maxBytes)}`);
    const bytes = buffer.subarray(0, length);
    const charset = declaredCharset(bytes, { html: looksLikeHtml(path, bytes) });
    return { origin, name: basename(path), text: decodeText(bytes, origin, charset), mediaType: null };
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(`${origin}: ${fileProblem(error)}`);
  } finally {
    await handle.close();
  }
}

async function readUrl(
  url: string,
  maxBytes: number,
  timeoutMs: number,
  fetchUrl: typeof fetch,
): Promise<Input> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = () => new IngestError(`${url}: no complete answer within ${timeoutMs / 1000} s`);
  try {
    let response: Response;
    try {
      response = await fetchUrl(url, {
        signal: controller.signal,
        headers: {
          'user-agent': userAgent,
          accept:
            'text/html, application/rss+xml, application/atom+xml, application/xml, text/markdown, text/plain;q=0.9, */*;q=0.5',
        },
      });
    } catch (error) {
      if (controller.signal.aborted) throw timedOut();
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof PrivateAddressError) throw new IngestError(`${url}: refused: ${cause.message}`);
      throw new IngestError(`${url}: unreachable (${networkProblem(error)})`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new IngestError(
        `${url}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      );
    }
    const contentType = response.headers.get('content-type');
    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() || null;
    if (mediaType && !readableTypes.test(mediaType)) {
      await response.body?.cancel().catch(() => {});
      throw new IngestError(`${url}: the server sent ${mediaType}, not a web page, text or a feed`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new IngestError(`${url}: ${sizeOf(declared)}, over the limit of ${sizeOf(maxBytes)}`);
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await readBodyAtMost(response, maxBytes);
    } catch (error) {
      if (controller.signal.aborted) throw timedOut();
      throw new IngestError(`${url}: the download broke off (${networkProblem(error)})`);
    }
    if (!bytes) throw new IngestError(`${url}: more than ${sizeOf(maxBytes)}, over the limit`);
    const charset = declaredCharset(bytes, {
      contentType,
      html: mediaType === 'text/html' || mediaType === 'application/xhtml+xml',
    });
    return { origin: url, name: urlName(url), text: decodeText(bytes, url, charset), mediaType };
  } finally {
    clearTimeout(timer);
  }
}

function urlName(url: string): string {
  const parsed = new URL(url);
  const last = parsed.pathname.split('/').filter(Boolean).at(-1);
  try {
    return last ? decodeURIComponent(last) : parsed.hostname;
  } catch {
    return last ?? parsed.hostname;
  }
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'no such file (part of the path is not a directory)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'a directory, not a file';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return `cannot be read (${code ?? (error as Error)?.message ?? 'unknown error'})`;
  }
}

function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error';
}

function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}
