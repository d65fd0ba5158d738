import { type FocalPoint, mediaHashOf, variantName, widthsFor } from '@newsroom/domain';

/**
 * Where the desk shows a kept picture from: its variants, relayed at the desk's own address
 * (`/media/<hash>/<name>`), in WebP, which every browser the desk supports shows.
 */

/** The narrowest variant at least `want` pixels wide, or the widest there is. */
export function previewAddress(hash: string, pictureWidth: number, want = 640): string {
  const widths = widthsFor(pictureWidth);
  const width = widths.find((each) => each >= want) ?? widths[widths.length - 1] ?? pictureWidth;
  return `/media/${hash}/${variantName({ kind: 'width', width, format: 'webp' })}`;
}

/** The square thumbnail, cut around the focal point as it is now. */
export function thumbnailAddress(hash: string, focal: FocalPoint): string {
  return `/media/${hash}/${variantName({ kind: 'crop', crop: 'square', focal, format: 'webp' })}`;
}

/** The social card (1200×630) as it is cut now, to show what a focal point does. */
export function cardAddress(hash: string, focal: FocalPoint): string {
  return `/media/${hash}/${variantName({ kind: 'crop', crop: 'card', focal, format: 'webp' })}`;
}

/**
 * What to show for an image's `src` in the editor: a kept picture's preview variant, or the
 * outside address as it is.
 */
export function shownAddress(src: string, width: number | null): string {
  const hash = mediaHashOf(src);
  return hash && width ? previewAddress(hash, width) : src;
}
