import { Agent, request } from 'node:http';

/** What one read load saw: how many answers, how fast, and what the response cache said of them. */
export interface ReadTally {
  /** Answers received (any status). */
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Answers saying `X-Cache: HIT` or `MISS`: the response cache's own account. */
  hits: number;
  misses: number;
  /** 200 answers without X-Cache (nothing the cache could have kept). */
  uncacheable: number;
  /** Answers other than 200. */
  notOk: number;
  /** Requests that got no answer (a reset, a refused connection). */
  errors: number;
  /** How many times each path was answered with MISS. */
  missesByPath: Map<string, number>;
}

export interface ReadLoadOptions {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** The next path and query to ask for; called once per request. */
  nextPath: () => string;
  /** Requests in flight at once, each on its own kept-alive connection. */
  connections: number;
  seconds: number;
}

/**
 * A small load generator for GETs of changing URLs, in this process: `connections` loops, each
 * asking for its next path as soon as its last answer has been read, on connections kept alive
 * (no pipelining), until `seconds` have passed. wrk and autocannon ask for one URL and do not
 * show response headers, so they cannot say what the response cache did; this one reads
 * `X-Cache` off every answer. It is slower than wrk (Node's HTTP client, one thread), so its
 * req/s compare only with its own.
 */
export async function runReadLoad(options: ReadLoadOptions): Promise<ReadTally> {
  const { hostname, port } = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const tally: ReadTally = {
    requests: 0,
    seconds: 0,
    requestsPerSecond: 0,
    hits: 0,
    misses: 0,
    uncacheable: 0,
    notOk: 0,
    errors: 0,
    missesByPath: new Map(),
  };
  const started = performance.now();
  const deadline = started + options.seconds * 1_000;

  const get = (path: string) =>
    new Promise<void>((resolve) => {
      const sent = request({ agent, hostname, port, path, method: 'GET' }, (answer) => {
        const cache = answer.headers['x-cache'];
        if (answer.statusCode !== 200) tally.notOk++;
        else if (cache === 'HIT') tally.hits++;
        else if (cache === 'MISS') {
          tally.misses++;
          tally.missesByPath.set(path, (tally.missesByPath.get(path) ?? 0) + 1);
        } else tally.uncacheable++;
        answer.resume();
        answer.on('end', () => {
          tally.requests++;
          resolve();
        });
        answer.on('error', () => {
          tally.errors++;
          resolve();
        });
      });
      sent.on('error', () => {
        tally.errors++;
        resolve();
      });
      sent.end();
    });

  const loop = async () => {
    while (performance.now() < deadline) await get(options.nextPath());
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, loop));
  } finally {
    agent.destroy();
  }
  tally.seconds = (performance.now() - started) / 1_000;
  tally.requestsPerSecond = tally.requests / tally.seconds;
  return tally;
}
