import type { OutgoingHttpHeaders } from 'node:http';

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
}

interface Entry extends CachedResponse {
  size: number;
  expiresAt: number;
}

/**
 * Answers to public reads, kept by URL in this process and bounded by size (least recently
 * used go first). Every write to the Store anywhere clears it (the Store's change notices), so
 * an entry is never older than the last write; the time limit only bounds the harm of a notice
 * that never arrived.
 *
 * A read that was running when a write cleared the cache may carry the old answer: each read
 * takes the generation at its start, and set() keeps its answer only if no clear came between.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxSize: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #size = 0;
  #generation = 0;

  constructor(options: { maxBytes: number; ttlMs: number; now?: () => number }) {
    this.#maxSize = options.maxBytes;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Increases with every clear(): what a read remembers before it starts. */
  get generation(): number {
    return this.#generation;
  }

  /** About how many bytes the entries take (keys, bodies and tags). */
  get size(): number {
    return this.#size;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) {
      this.#size -= entry.size;
      return undefined;
    }
    // Map order is insertion order: taking it out and putting it back marks it most recent.
    this.#entries.set(key, entry);
    return entry;
  }

  /** Keeps an answer unless the cache was cleared since `generation`, or it is too big to keep. */
  set(key: string, response: CachedResponse, generation: number): void {
    if (generation !== this.#generation) return;
    const size = key.length + response.body.byteLength + response.etag.length;
    // One answer may not push out most of the others.
    if (size > this.#maxSize / 8) return;
    this.#delete(key);
    this.#entries.set(key, { ...response, size, expiresAt: this.#now() + this.#ttlMs });
    this.#size += size;
    for (const [oldest] of this.#entries) {
      if (this.#size <= this.#maxSize) break;
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

/** Headers as the flat [name, value, …] list writeHead takes; a list value gives a pair each. */
export function rawHeadersOf(headers: OutgoingHttpHeaders): string[] {
  const raw: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) raw.push(name, String(one));
  }
  return raw;
}
