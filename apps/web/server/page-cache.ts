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
 * Rendered pages by URL, in this process, bounded by size (least recently used go first).
 * `clear()` empties it when the API says content changed; a render that began before a clear
 * may hold the old content, so set() keeps a page only if no clear came since its generation.
 */
export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #options: Required<PageCacheOptions>;
  #size = 0;
  #generation = 0;

  constructor(options: PageCacheOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get generation(): number {
    return this.#generation;
  }

  /** About how many bytes the pages take (bodies, and their compressed forms once made). */
  get size(): number {
    return this.#size;
  }

  lookup(key: string): Lookup {
    const entry = this.#entries.get(key);
    if (!entry) return { state: 'missing' };
    const age = this.#options.now() - entry.storedAt;
    if (age >= this.#options.freshMs + this.#options.staleMs) {
      this.#delete(key);
      return { state: 'missing' };
    }
    // Map order is insertion order: taking it out and putting it back marks it most recent.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return { state: age < this.#options.freshMs ? 'fresh' : 'stale', page: entry.page };
  }

  set(key: string, page: Representation, generation: number): void {
    if (generation !== this.#generation) return;
    // Room for the page and its two compressed forms, which are made on demand.
    const size = key.length + page.body.byteLength * 2;
    if (size > this.#options.maxBytes / 8) return;
    this.#delete(key);
    this.#entries.set(key, { page, storedAt: this.#options.now(), size });
    this.#size += size;
    for (const [oldest] of this.#entries) {
      if (this.#size <= this.#options.maxBytes) break;
      this.#delete(oldest);
    }
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#size = 0;
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#size -= entry.size;
  }
}
