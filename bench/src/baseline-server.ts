/**
 * The machine's ceiling: a raw node:http server that answers each URL with the exact bytes
 * Newsroom answered (status, content type, body), doing nothing else. Run as its own process by
 * baseline.ts so it has a core to itself like Newsroom's processes:
 *
 *   node src/baseline-server.ts <answers.json>
 *
 * The file holds one table of answers per listener (one per path measured, since the normal and
 * the uncached Newsroom may answer the same URL differently). Each listener takes a free port;
 * the ports are printed as one JSON line once all listen. The process ends when its stdin closes,
 * so it never outlives the suite, even one that was killed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedAnswer {
  status: number;
  contentType: string | null;
  bodyBase64: string;
}

export interface BaselineFile {
  /** Listener name → URL (path and query, as requested) → answer. */
  listeners: Record<string, Record<string, RecordedAnswer>>;
}

interface Prepared {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

function prepare(answer: RecordedAnswer): Prepared {
  const body = Buffer.from(answer.bodyBase64, 'base64');
  const headers: Record<string, string | number> = { 'content-length': body.length };
  if (answer.contentType) headers['content-type'] = answer.contentType;
  return { status: answer.status, headers, body };
}

function listen(answers: Record<string, RecordedAnswer>): Promise<Server> {
  const byUrl = new Map(Object.entries(answers).map(([url, answer]) => [url, prepare(answer)]));
  const server = createServer((request, response) => {
    const answer = byUrl.get(request.url ?? '');
    if (!answer) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not a recorded URL');
      return;
    }
    response.writeHead(answer.status, answer.headers).end(answer.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node src/baseline-server.ts <answers.json>');
  process.exit(2);
}
const { listeners } = JSON.parse(readFileSync(file, 'utf8')) as BaselineFile;
const ports: Record<string, number> = {};
for (const [name, answers] of Object.entries(listeners)) {
  ports[name] = ((await listen(answers)).address() as AddressInfo).port;
}
console.log(JSON.stringify({ ports }));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
