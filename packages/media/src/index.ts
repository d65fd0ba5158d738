export { type CleanLimits, type CleanPicture, cleanUpload } from './clean-upload.js';
export { type CropBox, focalCrop } from './focal-crop.js';
export { MediaError, type MediaRefusal } from './media-error.js';
export { renderVariant } from './render-variant.js';
export { type InputFormat, inputFormats, sniffFormat } from './sniff-format.js';
