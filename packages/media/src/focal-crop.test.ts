import { describe, expect, it } from 'vitest';
import { focalCrop } from './focal-crop.js';

const centre = { x: 0.5, y: 0.5 };

describe('focalCrop', () => {
  it('cuts the widest box of the aspect from the middle of a picture by default', () => {
    expect(focalCrop(4000, 3000, 1200 / 630, centre)).toEqual({
      left: 0,
      top: 450,
      width: 4000,
      height: 2100,
    });
    expect(focalCrop(3000, 3000, 1, centre)).toEqual({ left: 0, top: 0, width: 3000, height: 3000 });
  });

  it('centres the box on the focal point, stopping at the picture edges', () => {
    // A face a fifth of the way across a wide picture: the square moves left as far as it can.
    expect(focalCrop(4000, 2000, 1, { x: 0.2, y: 0.5 })).toEqual({
      left: 0,
      top: 0,
      width: 2000,
      height: 2000,
    });
    expect(focalCrop(4000, 2000, 1, { x: 0.6, y: 0.5 })).toEqual({
      left: 1400,
      top: 0,
      width: 2000,
      height: 2000,
    });
    expect(focalCrop(4000, 2000, 1, { x: 1, y: 1 })).toEqual({
      left: 2000,
      top: 0,
      width: 2000,
      height: 2000,
    });
    // A tall picture with the subject near the top.
    expect(focalCrop(1000, 3000, 1200 / 630, { x: 0.5, y: 0.05 })).toEqual({
      left: 0,
      top: 0,
      width: 1000,
      height: 525,
    });
    expect(focalCrop(1000, 3000, 1200 / 630, { x: 0.5, y: 0.5 })).toEqual({
      left: 0,
      top: 1238,
      width: 1000,
      height: 525,
    });
  });
});
