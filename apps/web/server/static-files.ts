import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { type Representation, representationOf } from './representation.ts';
import { fileSecurityHeaders } from './security-headers.ts';

/** The site's own files are small (styles, icons, sample pictures); more than this is a mistake. */
const maxTotalBytes = 50_000_000;

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html; charset=utf-8',
};

/**
 * Every file of the built site's client folder, read once at start and served from memory,
 * compressed: Astro's hashed assets (`/_astro/…`) may be kept for a year, since a new build
 * gives them new names; other files (icons, sample pictures) for an hour.
 */
export function loadStaticFiles(clientDir: string): Map<string, Representation> {
  const files = new Map<string, Representation>();
  let total = 0;
  for (const path of walk(clientDir)) {
    const body = readFileSync(path);
    total += body.byteLength;
    if (total > maxTotalBytes)
      throw new Error(`${clientDir} holds more than ${maxTotalBytes} bytes of files`);
    const url = `/${relative(clientDir, path).split(sep).join('/')}`;
    const immutable = url.startsWith('/_astro/');
    files.set(
      url,
      representationOf(
        200,
        {
          'content-type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
          // An SVG opened on its own is a document: it gets the site's policy like a page.
          ...fileSecurityHeaders,
        },
        body,
      ),
    );
  }
  return files;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
