import type { LoadResult } from './load-result.ts';

interface AutocannonReport {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '3xx'?: number;
  latency: { p50: number; p99: number };
  requests: { total: number };
}

/**
 * The figures in `autocannon --json`'s report. Its latencies are whole milliseconds, so fast
 * targets read as 0 or 1 ms. Its non2xx counts redirects too; wrk does not, so they are added back.
 */
export function parseAutocannonJson(text: string): LoadResult {
  let report: AutocannonReport;
  try {
    report = JSON.parse(text) as AutocannonReport;
  } catch {
    throw new Error(`autocannon printed no JSON report: ${text.trim().split('\n')[0] ?? '(nothing)'}`);
  }
  if (!report.requests || !report.latency || !(report.duration > 0)) {
    throw new Error('autocannon’s report has no requests, latency or duration');
  }
  return {
    requestsPerSecond: report.requests.total / report.duration,
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    requests: report.requests.total,
    non2xx: Math.max(0, report.non2xx - (report['3xx'] ?? 0)),
    socketErrors: report.errors + report.timeouts,
  };
}
