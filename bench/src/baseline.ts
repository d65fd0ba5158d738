import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaselineFile, RecordedAnswer } from './baseline-server.ts';
import { paths } from './paths.ts';
import { startProcess } from './processes.ts';

export interface Answer {
  status: number;
  contentType: string | null;
  /** Whether it came in chunks (no content-length): the baseline always sends a length. */
  chunked: boolean;
  body: Buffer;
}

/**
 * Newsroom's answer to a GET as the load generator receives it: no Accept-Encoding, so the
 * bytes are the uncompressed ones wrk and autocannon read (fetch would ask for gzip and unpack).
 */
export function answerOf(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'GET', timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? null,
          chunked: response.headers['content-length'] === undefined,
          body: Buffer.concat(chunks),
        }),
      );
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url} within 30 s`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export interface Baseline {
  /** The base URL (http://127.0.0.1:<port>) of each listener. */
  urls: Record<string, string>;
  pid: number;
  stop(): Promise<void>;
}

/** Starts baseline-server.ts in its own process with one listener per table of answers. */
export async function startBaseline(tables: Record<string, Map<string, Answer>>): Promise<Baseline> {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-baseline-'));
  try {
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(baselineFileOf(tables)));
    let announced: (ports: Record<string, number>) => void = () => {};
    const portsAnnounced = new Promise<Record<string, number>>((resolve) => {
      announced = resolve;
    });
    const server = startProcess('baseline server', process.execPath, [paths.baselineServer, file], {
      onStdoutLine: (line) => {
        if (line.startsWith('{"ports"')) {
          announced((JSON.parse(line) as { ports: Record<string, number> }).ports);
        }
      },
    });
    const stoppedEarly = server.ended.then((how) => {
      throw new Error(`the baseline server stopped (${how}) before listening: ${server.outputTail()}`);
    });
    // Its later, ordinary end is no error.
    stoppedEarly.catch(() => {});
    const ports = await Promise.race([portsAnnounced, stoppedEarly]);
    return {
      urls: Object.fromEntries(
        Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}`]),
      ),
      pid: server.pid,
      stop: () => server.stop(),
    };
  } finally {
    // The server has read the file by the time it prints its ports.
    rmSync(dir, { recursive: true, force: true });
  }
}

function baselineFileOf(tables: Record<string, Map<string, Answer>>): BaselineFile {
  const listeners: BaselineFile['listeners'] = {};
  for (const [name, answers] of Object.entries(tables)) {
    const recorded: Record<string, RecordedAnswer> = {};
    for (const [url, answer] of answers) {
      recorded[url] = {
        status: answer.status,
        contentType: answer.contentType,
        bodyBase64: answer.body.toString('base64'),
      };
    }
    listeners[name] = recorded;
  }
  return { listeners };
}
