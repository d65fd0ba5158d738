import { type Image, mediaHashOf, type OutputFormat, widthsFor } from '@newsroom/domain';

/** A kept picture as `<picture>` asks for it: AVIF and WebP sources, and JPEG for the `<img>`. */
export interface ResponsiveImage {
  sources: { type: string; srcset: string }[];
  srcset: string;
  /** For browsers that read no srcset: a JPEG about as wide as the article column at twice its density. */
  src: string;
}

const sourceTypes = [
  ['avif', 'image/avif'],
  ['webp', 'image/webp'],
] as const;

/**
 * The sizes and formats of a picture kept by the newsroom (`src` is `/media/<hash>`), served
 * from the site's own address; null for a picture given by an outside address (imported copy),
 * which is shown as it is.
 */
export function responsiveImage(image: Image): ResponsiveImage | null {
  const hash = mediaHashOf(image.src);
  if (!hash) return null;
  const widths = widthsFor(image.width);
  const srcset = (format: OutputFormat) =>
    widths.map((width) => `/media/${hash}/${width}.${format} ${width}w`).join(', ');
  const fallback = widths.find((width) => width >= 960) ?? widths[widths.length - 1];
  return {
    sources: sourceTypes.map(([format, type]) => ({ type, srcset: srcset(format) })),
    srcset: srcset('jpg'),
    src: `/media/${hash}/${fallback}.jpg`,
  };
}

/**
 * The picture social networks show for a page (`og:image`, `twitter:image`): a kept picture's
 * 1200×630 card, cut around its focal point; an outside picture as it is.
 */
export function socialImage(image: Image): Pick<Image, 'src' | 'width' | 'height' | 'alt'> {
  const hash = mediaHashOf(image.src);
  return hash ? { src: `/media/${hash}/card.jpg`, width: 1200, height: 630, alt: image.alt } : image;
}
