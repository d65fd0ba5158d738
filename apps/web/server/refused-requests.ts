import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { fileSecurityHeaders } from './security-headers.ts';

/**
 * The largest body the site reads: the comment form's, whose longest comment (5,000
 * characters) is at most 45 KB once a browser has form-encoded it.
 */
export const maxBodyBytes = 65_536;

const allowedMethods = 'GET, HEAD, POST';

interface Refusal {
  status: number;
  title: string;
  text: string;
  headers?: Record<string, string>;
}

/**
 * Why the site will not take this request, before any of its body is read, or null. Readers
 * only read pages and post the comment form; a post must say how long it is (browsers always
 * do), so one too long is refused without reading it.
 */
export function refusalOf(req: IncomingMessage): Refusal | null {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return null;
  if (method !== 'POST') {
    return {
      status: 405,
      title: 'Not allowed',
      text: 'This site only shows pages and takes comments.',
      headers: { allow: allowedMethods },
    };
  }
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    return { status: 411, title: 'Length required', text: 'A post to this site must say how long it is.' };
  }
  if (Number(declared) > maxBodyBytes) {
    return { status: 413, title: 'Too long', text: 'That is more than this site accepts in one post.' };
  }
  return null;
}

/** A short page saying what went wrong, with the way back to the front page. */
function pageFor(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Newsroom</title></head><body><h1>${title}</h1><p>${text}</p><p><a href="/">Go to the front page</a></p></body></html>`;
}

/** Sends a refusal and closes the connection, so an unread body is never read. */
export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  const body = pageFor(refusal.title, refusal.text);
  res.writeHead(refusal.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
    ...fileSecurityHeaders,
    ...refusal.headers,
  });
  res.end(body);
}

/**
 * Requests Node refuses before the site sees them (an address over 16 KB, a sender too slow)
 * still get a page that says what happened, not a bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const [status, title, text] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Too long', 'That address is too long for this site.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Too slow', 'That request took too long to arrive.']
        : [400, 'Bad request', 'That request is not one this site understands.'];
  const body = pageFor(title, text);
  const headers = Object.entries(fileSecurityHeaders)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}connection: close\r\n\r\n${body}`,
  );
}
