import type { LoadResult } from './load-result.ts';

/**
 * The figures in wrk's text report (`wrk --latency`), as Debian's wrk 4.1 prints it:
 *
 *   Latency Distribution
 *      50%    1.23ms
 *      99%   12.40ms
 *   48123 requests in 5.00s, 61.23MB read
 *   Non-2xx or 3xx responses: 12
 *   Requests/sec:   9624.60
 */
export function parseWrkOutput(text: string): LoadResult {
  const requestsPerSecond = numberAfter(text, /^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec');
  const p50Ms = latencyMs(text, '50');
  const p99Ms = latencyMs(text, '99');
  const requests = numberAfter(text, /^\s*(\d+) requests in /m, 'requests in');
  const non2xx = Number(/^\s*Non-2xx or 3xx responses:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0;
  return { requestsPerSecond, p50Ms, p99Ms, requests, non2xx, socketErrors };
}

const millisecondsPer: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A latency percentile line ("     99%   12.40ms") in milliseconds. */
function latencyMs(text: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$`, 'm').exec(text);
  const unit = match?.[2] ? millisecondsPer[match[2]] : undefined;
  if (!match || unit === undefined) {
    throw new Error(`wrk printed no ${percentile}% latency (was --latency given?)`);
  }
  return Number(match[1]) * unit;
}

function numberAfter(text: string, pattern: RegExp, label: string): number {
  const match = pattern.exec(text);
  if (!match) throw new Error(`wrk printed no "${label}" line: ${firstLine(text)}`);
  return Number(match[1]);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '(nothing)';
}
