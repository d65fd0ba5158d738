import { describe, expect, it } from 'vitest';
import { parseBenchArgs, splitArgs, UsageError } from './args.ts';

describe('parseBenchArgs', () => {
  it('runs the full suite by default', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      sizes: [1_000, 10_000, 100_000],
      rounds: 3,
      seconds: 5,
      warmupSeconds: 1,
      connections: 10,
      buildTiming: true,
      loadGenerator: 'auto',
      help: false,
    });
  });

  it('shrinks everything with --quick or BENCH_QUICK', () => {
    const quick = { sizes: [1_000], rounds: 1, seconds: 1, buildTiming: false, quick: true };
    expect(parseBenchArgs(['--quick'])).toMatchObject(quick);
    expect(parseBenchArgs([], { BENCH_QUICK: '1' })).toMatchObject(quick);
    expect(parseBenchArgs([], { BENCH_QUICK: '0' }).quick).toBe(false);
  });

  it('lets explicit flags override the quick defaults', () => {
    const options = parseBenchArgs(['--quick', '--sizes', '1000,10000', '--rounds', '2']);
    expect(options).toMatchObject({ quick: true, sizes: [1_000, 10_000], rounds: 2, seconds: 1 });
  });

  it('sorts sizes and drops repeats', () => {
    expect(parseBenchArgs(['--sizes', '10000, 1000,10000']).sizes).toEqual([1_000, 10_000]);
  });

  it('skips build timing on request', () => {
    expect(parseBenchArgs(['--skip-build-timing']).buildTiming).toBe(false);
  });

  it('takes a load generator by name', () => {
    expect(parseBenchArgs(['--load-generator', 'autocannon']).loadGenerator).toBe('autocannon');
    expect(() => parseBenchArgs(['--load-generator', 'ab'])).toThrow(
      '--load-generator must be wrk or autocannon',
    );
  });

  it('refuses unknown flags and bad numbers with one line', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--sizes', '1k'])).toThrow('--sizes takes whole numbers');
    expect(() => parseBenchArgs(['--sizes', '0'])).toThrow('--sizes takes whole numbers');
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(
      '--rounds takes a whole number from 1 to 100, not "0"',
    );
    expect(() => parseBenchArgs(['--seconds', '1.5'])).toThrow('--seconds');
  });
});

describe('splitArgs', () => {
  it('splits BENCH_ARGS on whitespace', () => {
    expect(splitArgs(' --sizes 1000,10000  --rounds 2 ')).toEqual(['--sizes', '1000,10000', '--rounds', '2']);
    expect(splitArgs(undefined)).toEqual([]);
  });
});
