import sharp from 'sharp';

// libvips keeps recent operations and their pixels in a cache for repeated work on one picture;
// Newsroom encodes each picture once, so the cache would only hold memory that uploads need.
sharp.cache(false);
