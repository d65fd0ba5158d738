import { PurgeIndex } from '@newsroom/domain';
import type { Representation } from './representation.ts';

export interface PageCacheOptions {
  maxBytes: number;
  /** How long a page is served without rendering it again. */
  freshMs: number;
  /**
   * How long after that it may still be served, while one request renders it again in the
   * background (and while rendering fails: the API is down, say).
   */
  staleMs: number;
  now?: () => number;
}

interface Entry {
  page: Representation;
  storedAt: number;
  size: number;
}

export type Lookup =
  | { state: 'fresh'; page: Representation }
  | { state: 'stale'; page: Representation }
  | { state: 'missing' };

/**
 * Rendered pages by URL, in this process, bounded by size (least recently used go first), each
 * filed under the cache keys of what it was built from (its Surrogate-Key). An event purges the
 * pages holding its keys; `clear()` empties it all (when events may have been missed). A render
 * that began before a purge of one of its keys may hold the old content, so set() refuses it
 * (PurgeIndex).
 */
export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #index = new PurgeIndex();
  readonly #options: Required<PageCacheOptions>;
  #size = 0;

  constructor(options: PageCacheOptions) {
    this.#options = { now: Date.now, ...options };
  }

  /** Grows with every purge and clear: what a render notes when it starts. */
  get sequence(): number {
    return this.#index.sequence;
  }

  /** About how many bytes the pages take (bodies, and their compressed forms once made). */
  get size(): number {
    return this.#size;
  }

  lookup(url: string): Lookup {
    const entry = this.#entries.get(url);
    if (!entry) return { state: 'missing' };
    const age = this.#options.now() - entry.storedAt;
    if (age >= this.#options.freshMs + this.#options.staleMs) {
      this.#delete(url);
      return { state: 'missing' };
    }
    // Map order is insertion order: taking it out and putting it back marks it most recent.
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    return { state: age < this.#options.freshMs ? 'fresh' : 'stale', page: entry.page };
  }

  /** Keeps a page under `keys`, unless one of them was purged since `sequence` (when its render started). */
  set(url: string, page: Representation, sequence: number, keys: readonly string[]): void {
    if (!this.#index.mayKeep(keys, sequence)) return;
    // Room for the page and its two compressed forms, which are made on demand, and its keys
    // (kept with it and in the index).
    const size =
      url.length + page.body.byteLength * 2 + 2 * keys.reduce((total, key) => total + key.length, 0);
    if (size > this.#options.maxBytes / 8) return;
    this.#delete(url);
    this.#entries.set(url, { page, storedAt: this.#options.now(), size });
    this.#index.add(url, keys);
    this.#size += size;
    for (const [oldest] of this.#entries) {
      if (this.#size <= this.#options.maxBytes) break;
      this.#delete(oldest);
    }
  }

  /** Drops the pages filed under any of `keys`; returns how many. */
  purge(keys: readonly string[]): number {
    const urls = this.#index.purge(keys);
    for (const url of urls) this.#delete(url);
    return urls.length;
  }

  clear(): void {
    this.#index.clear();
    this.#entries.clear();
    this.#size = 0;
  }

  #delete(url: string): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    this.#entries.delete(url);
    this.#index.remove(url);
    this.#size -= entry.size;
  }
}
