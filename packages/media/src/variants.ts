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

export type VariantSpec =
  | { kind: 'width'; width: number; format: OutputFormat }
  | { kind: 'crop'; crop: CropName; format: OutputFormat };

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

/** A variant's file name at its stable address: `640.webp`, `card.jpg`, `square.avif`. */
export function variantName(spec: VariantSpec): string {
  return `${spec.kind === 'width' ? spec.width : spec.crop}.${spec.format}`;
}

/** Every variant of a picture `width` pixels wide, each format of each width, then the crops. */
export function variantsFor(width: number): VariantSpec[] {
  const sized = widthsFor(width).flatMap((each) =>
    outputFormats.map((format): VariantSpec => ({ kind: 'width', width: each, format })),
  );
  const cropped = (Object.keys(crops) as CropName[]).flatMap((crop) =>
    outputFormats.map((format): VariantSpec => ({ kind: 'crop', crop, format })),
  );
  return [...sized, ...cropped];
}

/** The variant a file name asks for, if a picture `width` pixels wide has it; null otherwise. */
export function parseVariantName(name: string, width: number): VariantSpec | null {
  const match = /^([1-9]\d{0,3}|card|square)\.(avif|webp|jpg)$/.exec(name);
  if (!match) return null;
  const [, size = '', format = ''] = match;
  const spec: VariantSpec =
    size === 'card' || size === 'square'
      ? { kind: 'crop', crop: size, format: format as OutputFormat }
      : { kind: 'width', width: Number(size), format: format as OutputFormat };
  return spec.kind === 'crop' || widthsFor(width).includes(spec.width) ? spec : null;
}
