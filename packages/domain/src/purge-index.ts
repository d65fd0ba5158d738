/**
 * The bookkeeping of a cache that purges by key (the API's response cache, the site's page
 * cache): which kept answers hold which cache keys, and whether an answer that began to be
 * built at some moment may still be kept. An answer built while one of its keys was purged may
 * hold what the purge was about, so it is not kept: each build notes `sequence` when it starts,
 * and `mayKeep` refuses it if any of its keys was purged since.
 */
export class PurgeIndex {
  readonly #holders = new Map<string, Set<string>>();
  readonly #keysOf = new Map<string, readonly string[]>();
  readonly #purgedAt = new Map<string, number>();
  readonly #maxRemembered: number;
  #sequence = 0;
  /** Builds that started before this are refused whatever their keys (a clear, or a forgetting). */
  #floor = 0;

  /** `maxRemembered`: purged keys remembered before they are all forgotten at once (memory). */
  constructor(maxRemembered = 10_000) {
    this.#maxRemembered = maxRemembered;
  }

  /** Grows with every purge and clear: what a build notes when it starts. */
  get sequence(): number {
    return this.#sequence;
  }

  /** Whether an answer whose build started at `since` may be kept under `keys`. */
  mayKeep(keys: readonly string[], since: number): boolean {
    if (since < this.#floor) return false;
    // A purge numbered `since` came before the build, which noted the sequence after it.
    return keys.every((key) => (this.#purgedAt.get(key) ?? -1) <= since);
  }

  /** Files `id` (a URL) under its keys. */
  add(id: string, keys: readonly string[]): void {
    this.remove(id);
    this.#keysOf.set(id, keys);
    for (const key of keys) {
      let holders = this.#holders.get(key);
      if (!holders) {
        holders = new Set();
        this.#holders.set(key, holders);
      }
      holders.add(id);
    }
  }

  remove(id: string): void {
    const keys = this.#keysOf.get(id);
    if (!keys) return;
    this.#keysOf.delete(id);
    for (const key of keys) {
      const holders = this.#holders.get(key);
      holders?.delete(id);
      if (holders?.size === 0) this.#holders.delete(key);
    }
  }

  /** Marks `keys` purged now, and returns the ids filed under any of them (no longer filed). */
  purge(keys: readonly string[]): string[] {
    this.#sequence++;
    const purged = new Set<string>();
    for (const key of keys) {
      this.#purgedAt.set(key, this.#sequence);
      for (const id of this.#holders.get(key) ?? []) purged.add(id);
    }
    for (const id of purged) this.remove(id);
    if (this.#purgedAt.size > this.#maxRemembered) {
      // Forgetting which keys were purged, builds in flight must all be refused instead.
      this.#purgedAt.clear();
      this.#sequence++;
      this.#floor = this.#sequence;
    }
    return [...purged];
  }

  /** Forgets every id; builds in flight are refused. */
  clear(): void {
    this.#sequence++;
    this.#floor = this.#sequence;
    this.#holders.clear();
    this.#keysOf.clear();
    this.#purgedAt.clear();
  }
}
