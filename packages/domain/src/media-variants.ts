import type { FocalPoint } from './media.js';

/**
 * The sizes and formats a kept picture is served in, and the names of their addresses
 * (`/media/<hash>/<name>`): what the API makes and the reader site asks for.
 */

/** The widths the reader site asks for; a picture gets those narrower than itself, and its own. */
export const variantWidths = [320, 640, 960, 1280, 1920] as const;
export const outputFormats = ['avif', 'webp', 'jpg'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The social card (`og:image`, 1200×630) and the square thumbnail, both cut around the focal point. */
export const crops = {
  card: { width: 1200, height: 630 },
  square: { width: 400, height: 400 },
} as const;
export type CropName = keyof typeof crops;

/**
 * A crop's address names the focal point it was cut around (in thousandths), so that moving the
 * point gives the crop a new address and a cached old one is never served as the new.
 */
export type VariantSpec =
  | { kind: 'width'; width: number; format: OutputFormat }
  | { kind: 'crop'; crop: CropName; focal: FocalPoint; format: OutputFormat };

export const contentTypes: Record<OutputFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
};

/**
 * The widths made for a picture `width` pixels wide: every standard width below it, and its own
 * width when that is under the largest, so a small picture is never enlarged and a large one is
 * reachable at full size up to 1920.
 */
export function widthsFor(width: number): number[] {
  const largest = variantWidths[variantWidths.length - 1] ?? 0;
  if (width >= largest) return [...variantWidths];
  return [...variantWidths.filter((each) => each < width), width];
}

const thousandths = (fraction: number) => Math.round(fraction * 1000);

/** A variant's file name at its stable address: `640.webp`, `card-500-500.jpg`, `square-250-800.avif`. */
export function variantName(spec: VariantSpec): string {
  if (spec.kind === 'width') return `${spec.width}.${spec.format}`;
  return `${spec.crop}-${thousandths(spec.focal.x)}-${thousandths(spec.focal.y)}.${spec.format}`;
}

/** Every variant of a picture, each format of each width, then the crops around its focal point. */
export function variantsFor(width: number, focal: FocalPoint): VariantSpec[] {
  const sized = widthsFor(width).flatMap((each) =>
    outputFormats.map((format): VariantSpec => ({ kind: 'width', width: each, format })),
  );
  const cropped = (Object.keys(crops) as CropName[]).flatMap((crop) =>
    outputFormats.map((format): VariantSpec => ({ kind: 'crop', crop, focal, format })),
  );
  return [...sized, ...cropped];
}

/**
 * The variant a file name asks for, if the picture has it: one of its widths, or a crop around
 * its focal point as it is now. Null for anything else, so an address cannot ask for any size.
 */
export function parseVariantName(
  name: string,
  picture: { width: number; focal: FocalPoint },
): VariantSpec | null {
  const sized = /^([1-9]\d{0,3})\.(avif|webp|jpg)$/.exec(name);
  if (sized) {
    const width = Number(sized[1]);
    return widthsFor(picture.width).includes(width)
      ? { kind: 'width', width, format: sized[2] as OutputFormat }
      : null;
  }
  const cropped = /^(card|square)-(\d{1,4})-(\d{1,4})\.(avif|webp|jpg)$/.exec(name);
  if (!cropped) return null;
  const spec: VariantSpec = {
    kind: 'crop',
    crop: cropped[1] as CropName,
    focal: picture.focal,
    format: cropped[4] as OutputFormat,
  };
  return variantName(spec) === name ? spec : null;
}

/** The pixel size of a variant of a picture `width` × `height`. */
export function variantSize(spec: VariantSpec, picture: { width: number; height: number }) {
  if (spec.kind === 'crop') return { ...crops[spec.crop] };
  const width = Math.min(spec.width, picture.width);
  return { width, height: Math.max(1, Math.round((picture.height * width) / picture.width)) };
}
