import { describe, expect, it } from 'vitest';
import { parseAutocannonJson } from './autocannon.ts';

const report = {
  url: 'http://127.0.0.1:3901/article.bySlug?input=%7B%7D',
  connections: 10,
  duration: 1.01,
  errors: 1,
  timeouts: 2,
  non2xx: 1483,
  '2xx': 0,
  '3xx': 3,
  '4xx': 1480,
  latency: { average: 6.22, p50: 5, p99: 16 },
  requests: { average: 1483, total: 1483 },
};

describe('parseAutocannonJson', () => {
  it('reads throughput from the total and the duration, and the latency percentiles', () => {
    const result = parseAutocannonJson(JSON.stringify(report));
    expect(result.requestsPerSecond).toBeCloseTo(1468.3, 1);
    expect(result).toMatchObject({ p50Ms: 5, p99Ms: 16, requests: 1483 });
  });

  it('counts errors as wrk does: redirects are fine, timeouts are socket errors', () => {
    expect(parseAutocannonJson(JSON.stringify(report))).toMatchObject({ non2xx: 1480, socketErrors: 3 });
  });

  it('says so in one line when the output is not a report', () => {
    expect(() => parseAutocannonJson('Error: connect ECONNREFUSED\n  at …')).toThrow(
      'autocannon printed no JSON report: Error: connect ECONNREFUSED',
    );
    expect(() => parseAutocannonJson('{}')).toThrow('no requests, latency or duration');
  });
});
