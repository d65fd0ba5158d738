import { describe, expect, it } from 'vitest';
import { parseWrkOutput } from './wrk.ts';

const healthy = `Running 2s test @ http://127.0.0.1:3902/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    86.32ms   43.44ms 228.97ms   69.11%
    Req/Sec   121.11     59.86   230.00     68.42%
  Latency Distribution
     50%   72.64ms
     75%   97.71ms
     90%  163.96ms
     99%  207.58ms
  242 requests in 2.09s, 5.89MB read
Requests/sec:    115.72
Transfer/sec:      2.82MB
`;

const failing = `Running 1s test @ http://127.0.0.1:3901/article.bySlug?input=%7B%7D
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   612.00us  201.13us   3.10ms   80.00%
    Req/Sec    15.10k     1.20k   17.00k    70.00%
  Latency Distribution
     50%  580.00us
     75%  700.00us
     90%  810.00us
     99%    1.20ms
  15033 requests in 1.00s, 9.10MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 15033
Requests/sec:  15030.12
Transfer/sec:      9.10MB
`;

describe('parseWrkOutput', () => {
  it('reads throughput, the median and 99th percentile, and the request count', () => {
    expect(parseWrkOutput(healthy)).toEqual({
      requestsPerSecond: 115.72,
      p50Ms: 72.64,
      p99Ms: 207.58,
      requests: 242,
      non2xx: 0,
      socketErrors: 0,
    });
  });

  it('converts microseconds and seconds to milliseconds', () => {
    const result = parseWrkOutput(failing);
    expect(result.p50Ms).toBeCloseTo(0.58);
    expect(result.p99Ms).toBeCloseTo(1.2);
    const slow = healthy.replace('99%  207.58ms', '99%    1.50s');
    expect(parseWrkOutput(slow).p99Ms).toBe(1_500);
  });

  it('counts answers that were not 2xx or 3xx, and socket errors of every kind', () => {
    const result = parseWrkOutput(failing);
    expect(result.non2xx).toBe(15_033);
    expect(result.socketErrors).toBe(5);
  });

  it('says what is missing when the report is not one it knows', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(
      'wrk printed no "Requests/sec" line: unable to connect to 127.0.0.1:1 Connection refused',
    );
    const withoutLatency = healthy.replace(/Latency Distribution[\s\S]*?99%.*\n/, '');
    expect(() => parseWrkOutput(withoutLatency)).toThrow('wrk printed no 50% latency');
  });
});
