import type { Media } from '@newsroom/domain';
import { previewAddress, thumbnailAddress } from './picture-addresses';

/** A library picture as the desk's scripts use it: to list it, and to put it in a story. */
export interface LibraryPicture {
  hash: string;
  /** The address a story gives as the image's `src`. */
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  thumbnail: string;
  preview: string;
}

export function libraryPicture(media: Media): LibraryPicture {
  return {
    hash: media.hash,
    src: `/media/${media.hash}`,
    width: media.width,
    height: media.height,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
    thumbnail: thumbnailAddress(media.hash, media.focal),
    preview: previewAddress(media.hash, media.width),
  };
}
