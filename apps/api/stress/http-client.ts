import { Agent, type IncomingHttpHeaders, request } from 'node:http';

/**
 * What became of one request: an answer read to its end, or a broken exchange (refused, reset,
 * timed out) and whether the answer had begun before it broke.
 */
export type Outcome =
  | {
      kind: 'answer';
      status: number;
      headers: IncomingHttpHeaders;
      // biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary tRPC JSON
      body: any;
      /** False when the body was not JSON: every API answer is. */
      json: boolean;
      sentAt: number;
      ms: number;
    }
  | { kind: 'broken'; code: string; answerBegun: boolean; sentAt: number; ms: number };

export interface Call {
  /** A procedure path (`article.list`) or a route (`readyz`). */
  path: string;
  input?: unknown;
  /** Mutations are POSTs with a JSON body, queries GETs with `?input=`, as tRPC clients send them. */
  method?: 'GET' | 'POST';
  token?: string;
  /** The raw body to POST instead of `input` as JSON. */
  rawBody?: string;
  timeoutMs?: number;
}

/** Keep-alive connections to one API, at most `connections` at a time. */
export function keepAliveAgent(connections: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/** One call over node:http, so every transport failure is seen as it happened (fetch retries some). */
export function send(agent: Agent, base: string, call: Call): Promise<Outcome> {
  const method = call.method ?? 'GET';
  const json = call.rawBody ?? (call.input === undefined ? undefined : JSON.stringify(call.input));
  const query = method === 'GET' && json !== undefined ? `?input=${encodeURIComponent(json)}` : '';
  const body = method === 'POST' ? (json ?? '') : undefined;
  const sentAt = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let answerBegun = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const broken = (error: NodeJS.ErrnoException) =>
      finish({
        kind: 'broken',
        code: error.code ?? error.message,
        answerBegun,
        sentAt,
        ms: performance.now() - sentAt,
      });
    const req = request(
      `${base}/${call.path}${query}`,
      {
        method,
        agent,
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
        },
        // Generous: on a busy shared machine a queued request may wait seconds; only a hang fails.
        timeout: call.timeoutMs ?? 120_000,
      },
      (res) => {
        answerBegun = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', broken);
        res.on('aborted', () => broken(Object.assign(new Error('answer aborted'), { code: 'ABORTED' })));
        res.on('end', () => {
          if (!res.complete) {
            broken(Object.assign(new Error('answer cut short'), { code: 'INCOMPLETE' }));
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          let isJson = true;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            isJson = false;
          }
          finish({
            kind: 'answer',
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: parsed,
            json: isJson,
            sentAt,
            ms: performance.now() - sentAt,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', broken);
    req.end(body);
  });
}

/** The value a tRPC answer carries, or undefined for an error answer. */
// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary tRPC JSON
export function dataOf(outcome: Outcome): any {
  return outcome.kind === 'answer' && outcome.status === 200 ? outcome.body?.result?.data : undefined;
}

/** The value at quantile q (0..1) of the figures, or NaN when there are none. */
export function quantile(figures: number[], q: number): number {
  if (figures.length === 0) return Number.NaN;
  const sorted = [...figures].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
