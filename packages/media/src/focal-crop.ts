import type { FocalPoint } from '@newsroom/domain';

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The largest box of the given aspect (width ÷ height) inside a picture, centred on the focal
 * point as nearly as the picture's edges allow: a face near the edge stays in the social card.
 */
export function focalCrop(width: number, height: number, aspect: number, focal: FocalPoint): CropBox {
  const wide = width / height > aspect;
  const boxWidth = wide ? Math.max(1, Math.round(height * aspect)) : width;
  const boxHeight = wide ? height : Math.max(1, Math.round(width / aspect));
  return {
    left: clamp(Math.round(focal.x * width - boxWidth / 2), 0, width - boxWidth),
    top: clamp(Math.round(focal.y * height - boxHeight / 2), 0, height - boxHeight),
    width: boxWidth,
    height: boxHeight,
  };
}
