import type { Store } from '@newsroom/db';
import {
  contentTypes,
  type Media,
  parseVariantName,
  type VariantSpec,
  variantName,
  variantSize,
  variantsFor,
} from '@newsroom/domain';
import { type CleanPicture, cleanUpload, renderVariant } from '@newsroom/media';
import pLimit, { type LimitFunction } from 'p-limit';

export interface ServedVariant {
  bytes: Buffer;
  contentType: string;
}

/** A variant's address and size, as the upload's answer and the site's markup give them. */
export interface VariantAddress {
  url: string;
  contentType: string;
  width: number;
  height: number;
}

/**
 * The decoding and encoding of pictures in this process. At most `encodings` run at once
 * (MEDIA_ENCODINGS), uploads and variants alike, so twenty uploads queue instead of holding
 * twenty bitmaps; the rest wait their turn. A variant asked for by many requests before it is
 * kept is made once: the others wait for that one encoding.
 */
export class PictureWork {
  readonly #store: Store;
  readonly #maxPixels: number;
  readonly #limit: LimitFunction;
  readonly #uploads: LimitFunction;
  readonly #making = new Map<string, Promise<Buffer | null>>();

  constructor(store: Store, options: { encodings: number; maxPixels: number }) {
    this.#store = store;
    this.#maxPixels = options.maxPixels;
    this.#limit = pLimit(options.encodings);
    this.#uploads = pLimit(options.encodings);
  }

  /**
   * Runs an upload's reading and cleaning once one of as many slots as encodings is free. The
   * uploads waiting meanwhile are not read: their bytes wait in the network, not in memory.
   */
  admit<T>(upload: () => Promise<T>): Promise<T> {
    return this.#uploads(upload);
  }

  /** Checks and cleans an upload (throws MediaError with the reason it is refused). */
  clean(bytes: Uint8Array): Promise<CleanPicture> {
    return this.#limit(() => cleanUpload(bytes, { maxPixels: this.#maxPixels }));
  }

  /**
   * Where `card.jpg` or `square.webp` (a crop named without its focal point, as the reader site
   * gives it to social networks) is now: the crop around the picture's focal point. Null for
   * any other name.
   */
  async currentCrop(hash: string, name: string): Promise<string | null> {
    const alias = /^(card|square)\.(avif|webp|jpg)$/.exec(name);
    const media = alias ? await this.#store.media.byHash(hash) : null;
    if (!alias || !media) return null;
    const spec = { kind: 'crop', crop: alias[1], focal: media.focal, format: alias[2] } as VariantSpec;
    return `/media/${hash}/${variantName(spec)}`;
  }

  /** A variant of a kept picture, made on its first request and kept; null if there is no such variant. */
  async variant(hash: string, name: string): Promise<ServedVariant | null> {
    const media = await this.#store.media.byHash(hash);
    const spec = media ? parseVariantName(name, media) : null;
    if (!spec) return null;
    const contentType = contentTypes[spec.format];
    const kept = await this.#store.media.variant(hash, name);
    if (kept) return { bytes: kept, contentType };
    const key = `${hash}/${name}`;
    let making = this.#making.get(key);
    if (!making) {
      making = this.#limit(() => this.#make(hash, name, spec, contentType)).finally(() =>
        this.#making.delete(key),
      );
      this.#making.set(key, making);
    }
    const bytes = await making;
    return bytes ? { bytes, contentType } : null;
  }

  async #make(hash: string, name: string, spec: VariantSpec, contentType: string): Promise<Buffer | null> {
    const original = await this.#store.media.original(hash);
    if (!original) return null;
    const bytes = await renderVariant(original.bytes, spec);
    await this.#store.media.putVariant(hash, name, { contentType, bytes });
    return bytes;
  }
}

/** Every variant of a kept picture with its address and size. */
export function variantAddresses(media: Media): VariantAddress[] {
  return variantsFor(media.width, media.focal).map((spec) => ({
    url: `/media/${media.hash}/${variantName(spec)}`,
    contentType: contentTypes[spec.format],
    ...variantSize(spec, media),
  }));
}
