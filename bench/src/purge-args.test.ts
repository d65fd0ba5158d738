import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { parsePurgeLoadArgs } from './purge-args.ts';

describe('parsePurgeLoadArgs', () => {
  it('measures 100,000 articles for 3 rounds of 20 s and 5,000 events by default', () => {
    expect(parsePurgeLoadArgs([])).toMatchObject({
      quick: false,
      size: 100_000,
      rounds: 3,
      seconds: 20,
      warmupSeconds: 15,
      connections: 10,
      zipfExponent: 1,
      writesPerSecond: 1,
      events: 5_000,
      eventWrites: 'store',
    });
  });

  it('makes the events through the API when asked', () => {
    expect(parsePurgeLoadArgs(['--event-writes', 'api']).eventWrites).toBe('api');
    expect(() => parsePurgeLoadArgs(['--event-writes', 'cli'])).toThrow(/--event-writes takes store or api/);
  });

  it('is short with --quick or BENCH_QUICK=1, and explicit flags still win', () => {
    const quick = { quick: true, size: 1_000, rounds: 1, seconds: 3, events: 500 };
    expect(parsePurgeLoadArgs(['--quick'])).toMatchObject(quick);
    expect(parsePurgeLoadArgs([], { BENCH_QUICK: '1' })).toMatchObject(quick);
    expect(parsePurgeLoadArgs(['--quick', '--seconds', '5', '--size', '10000'])).toMatchObject({
      seconds: 5,
      size: 10_000,
    });
  });

  it('takes a decimal Zipf exponent, and a response cache size or the API default', () => {
    expect(parsePurgeLoadArgs(['--zipf', '1.1']).zipfExponent).toBe(1.1);
    expect(parsePurgeLoadArgs([]).cacheMb).toBeNull();
    expect(parsePurgeLoadArgs(['--cache-mb', '1024']).cacheMb).toBe(1024);
    expect(() => parsePurgeLoadArgs(['--cache-mb', '0'])).toThrow(/--cache-mb/);
  });

  it('refuses unknown flags and values out of range with a UsageError', () => {
    expect(() => parsePurgeLoadArgs(['--sizes', '1000'])).toThrow(UsageError);
    expect(() => parsePurgeLoadArgs(['--rounds', '0'])).toThrow(/--rounds takes a whole number/);
    expect(() => parsePurgeLoadArgs(['--events', '1e3'])).toThrow(UsageError);
    expect(() => parsePurgeLoadArgs(['--zipf', '-1'])).toThrow(/--zipf/);
    expect(() => parsePurgeLoadArgs(['--zipf', 'many'])).toThrow(/--zipf/);
  });
});
