import type { Store } from '@newsroom/db';
import { type ArticleDraft, type AuditEntryInput, type Image, limits, mediaPath } from '@newsroom/domain';
import { PrivateAddressError, publicFetch, readBodyAtMost } from '@newsroom/ingest';
import { cleanUpload, MediaError } from '@newsroom/media';
import pLimit, { type LimitFunction } from 'p-limit';
import type { MediaLimits } from './config.js';

export interface OutsidePicturesOptions {
  store: Store;
  /** MEDIA_MAX_BYTES (a download is cut off as soon as it passes it) and MEDIA_MAX_PIXELS. */
  mediaLimits: MediaLimits;
  /** NEWSROOM_FETCH_PRIVATE=allow: addresses on private and loopback networks may be fetched. */
  allowPrivateNetworks: boolean;
  /** How long one picture may take to answer and arrive whole. */
  timeoutMs: number;
  /** Pictures downloaded at once. */
  downloads: number;
  /** Fetch and check every picture, keep none and change no article: what a dry run reports. */
  dryRun: boolean;
  /** Who the media library and the audit trail say brought the pictures in. */
  actorName: string;
}

/** A picture fetched and kept (or, in a dry run, checked), as an article's image names it then. */
interface KeptPicture {
  ok: true;
  hash: string;
  width: number;
  height: number;
}

/** Why a picture stays at its outside address: one line. */
interface Refusal {
  ok: false;
  reason: string;
}

/** Pictures decoded at once: a 50-megapixel picture takes 200 MB while it is cleaned. */
const cleanings = 2;

const accept = 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.5';

/**
 * The pictures imported copy points to on other sites (`import --fetch-images`): each is
 * downloaded, checked and cleaned as an upload to `POST /media` is (MEDIA_MAX_BYTES,
 * MEDIA_MAX_PIXELS, @newsroom/media's cleanUpload), and kept in the media library, so the
 * article no longer depends on another site's servers. Each address is fetched once however many
 * stories of the run use it. A picture that fails keeps its outside address, and the story
 * carries a warning saying why: a story is never lost for a picture.
 */
export class OutsidePictures {
  /** Addresses fetched and kept this run. */
  fetched = 0;
  /** Addresses that could not be, left at their outside address. */
  failed = 0;

  readonly #options: OutsidePicturesOptions;
  readonly #fetchUrl: typeof fetch;
  readonly #results = new Map<string, Promise<KeptPicture | Refusal>>();
  readonly #download: LimitFunction;
  readonly #clean: LimitFunction;

  constructor(options: OutsidePicturesOptions) {
    this.#options = options;
    this.#fetchUrl = publicFetch({ allowPrivate: options.allowPrivateNetworks });
    this.#download = pLimit(options.downloads);
    this.#clean = pLimit(cleanings);
  }

  /**
   * The draft with every picture at an http(s) address (its hero image and image blocks) kept
   * and named by its `/media/<hash>` address and real size instead; a picture that failed stays
   * as it was, with a warning.
   */
  async keptIn(draft: ArticleDraft): Promise<ArticleDraft> {
    // Each address once, described by the first image that names it.
    const firsts = new Map<string, Image>();
    for (const image of imagesOf(draft)) {
      if (isOutside(image.src) && !firsts.has(image.src)) firsts.set(image.src, image);
    }
    if (firsts.size === 0) return draft;
    const results = new Map(
      await Promise.all(
        [...firsts].map(async ([src, image]) => [src, await this.#picture(src, image)] as const),
      ),
    );
    const kept = <T extends Image>(image: T): T => {
      const result = results.get(image.src);
      return result?.ok
        ? { ...image, src: mediaPath(result.hash), width: result.width, height: result.height }
        : image;
    };
    // The copy gave no size and ingest set a default, saying so: a kept picture has its real one now.
    const sized = [...results].filter(([, result]) => result.ok).map(([src]) => src);
    const warnings = draft.warnings.filter(
      (warning) =>
        !sized.some(
          (src) =>
            warning.startsWith(`image ${src}: size unknown`) ||
            warning.startsWith(`hero image ${src}: size unknown`),
        ),
    );
    for (const [src, result] of results) {
      if (!result.ok) warnings.push(`picture ${src} kept at its outside address: ${result.reason}`);
    }
    return {
      ...draft,
      heroImage: draft.heroImage ? kept(draft.heroImage) : null,
      body: draft.body.map((block) => (block.type === 'image' ? kept(block) : block)),
      warnings,
    };
  }

  /** The address's picture, fetched once per run: the first image naming it describes it. */
  #picture(src: string, image: Image): Promise<KeptPicture | Refusal> {
    let result = this.#results.get(src);
    if (!result) {
      result = this.#fetchAndKeep(src, image).then(
        (kept) => {
          this.fetched += 1;
          return kept;
        },
        (error: unknown) => {
          this.failed += 1;
          return { ok: false, reason: reasonOf(error) } as const;
        },
      );
      this.#results.set(src, result);
    }
    return result;
  }

  async #fetchAndKeep(src: string, image: Image): Promise<KeptPicture> {
    const { store, mediaLimits, dryRun, actorName } = this.#options;
    const bytes = await this.#download(() => this.#bytesOf(src));
    const clean = await this.#clean(() => cleanUpload(bytes, { maxPixels: mediaLimits.maxPixels }));
    if (clean.width > limits.imageDimension || clean.height > limits.imageDimension) {
      const most = limits.imageDimension.toLocaleString('en');
      throw new PictureProblem(
        `${clean.width} × ${clean.height} pixels: an article's picture is at most ${most} pixels wide and ${most} high`,
      );
    }
    const kept: KeptPicture = { ok: true, hash: clean.hash, width: clean.width, height: clean.height };
    if (dryRun) return kept;

    const { media, created } = await store.media.put(clean, { uploadedBy: actorName });
    // The library's own description wins; where it has none, the copy's words for the picture fill in.
    const described = {
      ...(!media.alt && image.alt.trim() ? { alt: image.alt.trim() } : {}),
      ...(media.caption === null && image.caption?.trim() ? { caption: image.caption.trim() } : {}),
      ...(media.credit === null && image.credit?.trim() ? { credit: image.credit.trim() } : {}),
    };
    const filled = Object.keys(described);
    if (filled.length > 0) await store.media.update(media.hash, described);
    const audit = (action: string, detail: AuditEntryInput['detail']) =>
      store.audit.record({
        actor: { kind: 'system', id: null, name: actorName },
        action,
        objectType: 'media',
        objectId: media.hash,
        address: null,
        detail,
      });
    if (created) {
      await audit('media.upload', {
        width: media.width,
        height: media.height,
        size: media.size,
        // Where it came from, without a query that might carry a signed link's key.
        from: addressWithoutQuery(src),
        described: filled.join(',') || null,
      });
    } else if (filled.length > 0) {
      await audit('media.update', Object.fromEntries(filled.map((field) => [field, 'changed'])));
    }
    return kept;
  }

  /** The picture's bytes: a 2xx answer within the time allowed, cut off as soon as it passes MEDIA_MAX_BYTES. */
  async #bytesOf(src: string): Promise<Uint8Array> {
    const { timeoutMs, mediaLimits } = this.#options;
    const { maxBytes } = mediaLimits;
    const tooLarge = new PictureProblem(`larger than ${sizeOf(maxBytes)} (MEDIA_MAX_BYTES)`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const timedOut = () => new PictureProblem(`no complete answer within ${timeoutMs / 1000} s`);
    try {
      let response: Response;
      try {
        response = await this.#fetchUrl(src, { signal: controller.signal, headers: { accept } });
      } catch (error) {
        if (controller.signal.aborted) throw timedOut();
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof PrivateAddressError) throw new PictureProblem(`refused: ${cause.message}`);
        throw new PictureProblem(`unreachable (${networkProblem(error)})`);
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new PictureProblem(
          `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        );
      }
      if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw tooLarge;
      }
      let bytes: Uint8Array | null;
      try {
        bytes = await readBodyAtMost(response, maxBytes);
      } catch (error) {
        if (controller.signal.aborted) throw timedOut();
        throw new PictureProblem(`the download broke off (${networkProblem(error)})`);
      }
      if (!bytes) throw tooLarge;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Whether an image's address is on another site (an outside picture), not a path on this one. */
export function isOutside(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

/** Whether a draft has any picture on another site. */
export function hasOutsidePictures(draft: ArticleDraft): boolean {
  return imagesOf(draft).some((image) => isOutside(image.src));
}

/** A draft's pictures: its hero image, then its image blocks. */
function imagesOf(draft: ArticleDraft): Image[] {
  return [
    ...(draft.heroImage ? [draft.heroImage] : []),
    ...draft.body.flatMap((block) => (block.type === 'image' ? [block] : [])),
  ];
}

/** A picture that could not be fetched, said in a few words. */
class PictureProblem extends Error {
  override name = 'PictureProblem';
}

/** One line: the problem's own words, a refusal of the image pipeline in lower case, or the Store's. */
function reasonOf(error: unknown): string {
  if (error instanceof PictureProblem) return error.message;
  if (error instanceof MediaError)
    return error.message.replace(/^\w/, (c) => c.toLowerCase()).replace(/\.$/, '');
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  return `not kept: ${message.length > 300 ? `${message.slice(0, 299)}…` : message}`;
}

function addressWithoutQuery(src: string): string {
  const url = URL.parse(src);
  return (url ? `${url.origin}${url.pathname}` : src).slice(0, 500);
}

function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error';
}

function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}
