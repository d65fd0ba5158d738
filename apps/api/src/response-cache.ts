import type { OutgoingHttpHeaders } from 'node:http';
import { PurgeIndex } from '@newsroom/domain';

/** A public read's answer as it was sent, ready to be sent again. */
export interface CachedResponse {
  /** Bytes, so sending it again costs no encoding and its size is exact. */
  body: Buffer;
  etag: string;
  /**
   * Every header of the answer but the request id, content-length included, as a flat
   * [name, value, name, value, …] list: node:http writes such a list about a fifth faster than
   * an object of the same headers.
   */
  headers: string[];
  /** The same for a 304: without content-type and content-length. */
  notModifiedHeaders: string[];
  /** The procedure or route that built it: the `route` its hits are counted under in metrics. */
  route: string;
}

interface Entry extends CachedResponse {
  size: number;
  expiresAt: number;
}

/**
 * Answers to public reads, kept by URL in this process and bounded by size (least recently
 * used go first), each filed under the cache keys of what it was built from. An event purges
 * the answers holding its keys (events/cache-purge.ts) and nothing else; the time limit only
 * bounds the harm of an event never heard of.
 *
 * A read that was running when one of its keys was purged may carry the old answer: each read
 * notes `sequence` at its start, and set() refuses its answer if any of its keys was purged
 * since (PurgeIndex).
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #index = new PurgeIndex();
  readonly #maxSize: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #size = 0;

  constructor(options: { maxBytes: number; ttlMs: number; now?: () => number }) {
    this.#maxSize = options.maxBytes;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Grows with every purge and clear: what a read notes before it starts. */
  get sequence(): number {
    return this.#index.sequence;
  }

  /** About how many bytes the entries take (URLs, bodies, ETags and cache keys). */
  get size(): number {
    return this.#size;
  }

  get(url: string): CachedResponse | undefined {
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    this.#entries.delete(url);
    if (entry.expiresAt <= this.#now()) {
      this.#size -= entry.size;
      this.#index.remove(url);
      return undefined;
    }
    // Map order is insertion order: taking it out and putting it back marks it most recent.
    this.#entries.set(url, entry);
    return entry;
  }

  /**
   * Keeps an answer under `keys`, unless one of them was purged since `sequence` (when its
   * read started), or it is too big to keep.
   */
  set(url: string, response: CachedResponse, sequence: number, keys: readonly string[]): void {
    if (!this.#index.mayKeep(keys, sequence)) return;
    // Its keys count too: they are kept with it, and in the index, once each.
    const size = url.length + response.body.byteLength + response.etag.length + 2 * lengthOf(keys);
    // One answer may not push out most of the others.
    if (size > this.#maxSize / 8) return;
    this.#delete(url);
    this.#entries.set(url, { ...response, size, expiresAt: this.#now() + this.#ttlMs });
    this.#index.add(url, keys);
    this.#size += size;
    for (const [oldest] of this.#entries) {
      if (this.#size <= this.#maxSize) break;
      this.#delete(oldest);
    }
  }

  /** Drops the answers filed under any of `keys`; returns how many. */
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

function lengthOf(keys: readonly string[]): number {
  return keys.reduce((total, key) => total + key.length, 0);
}

/** Headers as the flat [name, value, …] list writeHead takes; a list value gives a pair each. */
export function rawHeadersOf(headers: OutgoingHttpHeaders): string[] {
  const raw: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) raw.push(name, String(one));
  }
  return raw;
}
