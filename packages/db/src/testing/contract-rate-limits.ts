import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { at } from './contract-fixtures.js';
import { raceOf, type StoreSessions } from './store-sessions.js';

const minute = 60_000;

/** Shared rate-limit counters. Part of describeStoreContract. */
export function describeRateLimitContract(store: () => Store, sessions: StoreSessions): void {
  describe('rate limits', () => {
    it('count hits on a key within its window, and start a new window when it has ended', async () => {
      const limits = store().rateLimits;
      expect(await limits.hit('writes:a', minute, at(0))).toEqual({ hits: 1, windowEndsAt: at(1) });
      expect(await limits.hit('writes:a', minute, new Date(at(0).getTime() + 30_000))).toEqual({
        hits: 2,
        windowEndsAt: at(1),
      });
      // Another key counts on its own.
      expect((await limits.hit('writes:b', minute, at(0))).hits).toBe(1);
      expect(await limits.hit('writes:a', minute, at(1))).toEqual({ hits: 1, windowEndsAt: at(2) });
    });

    it('peek at a window without counting', async () => {
      const limits = store().rateLimits;
      expect((await limits.peek('tokens:x', at(0))).hits).toBe(0);
      await limits.hit('tokens:x', minute, at(0));
      await limits.hit('tokens:x', minute, at(0));
      expect(await limits.peek('tokens:x', at(0))).toEqual({ hits: 2, windowEndsAt: at(1) });
      expect(await limits.peek('tokens:x', at(0))).toEqual({ hits: 2, windowEndsAt: at(1) });
      expect((await limits.peek('tokens:x', at(1))).hits).toBe(0);
    });

    it(`count every one of many hits made at once, ${raceOf(sessions)}`, async () => {
      const limits = store().rateLimits;
      const windows = await Promise.all(
        Array.from({ length: 25 }, () => limits.hit('comments:203.0.113.1', minute, at(0))),
      );
      expect(windows.map((window) => window.hits).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 25 }, (_, index) => index + 1),
      );
    });

    it('forget ended windows when pruned, and keep open ones', async () => {
      const limits = store().rateLimits;
      await limits.hit('old', minute, at(0));
      await limits.hit('new', minute, at(5));
      expect(await limits.prune(at(5))).toBe(1);
      expect((await limits.peek('new', at(5))).hits).toBe(1);
      expect((await limits.hit('old', minute, at(5))).hits).toBe(1);
    });

    it('refuse an empty or oversized key and a window that is not a positive whole number', async () => {
      const limits = store().rateLimits;
      await expect(limits.hit('', minute)).rejects.toThrow(StoreError);
      await expect(limits.hit('k'.repeat(201), minute)).rejects.toThrow(/1 to 200 characters/);
      await expect(limits.hit('k', 0)).rejects.toThrow(/positive whole number/);
      await expect(limits.hit('k', 1.5)).rejects.toThrow(/positive whole number/);
    });
  });
}
