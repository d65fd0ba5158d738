import { extname } from 'node:path';

export type InputFormat = 'text' | 'markdown' | 'feed' | 'html';

const byExtension: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

const byMediaType: Record<string, InputFormat> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'application/rss+xml': 'feed',
  'application/atom+xml': 'feed',
};

/**
 * Which parser reads an input: by the media type a server gave (text/html, application/rss+xml…),
 * else the name's extension (.txt; .md, .markdown; .xml, .rss, .atom; .html, .htm), else by its
 * start: `<!doctype html` or `<html` is a web page; `<?xml`, `<rss` or `<feed` is a feed; front
 * matter (`---`) or a Markdown heading line (`# Title`, `## Part`) is Markdown; anything else is
 * scraped text.
 */
export function detectFormat(name: string, text: string, mediaType: string | null = null): InputFormat {
  const served = mediaType ? byMediaType[mediaType] : undefined;
  if (served) return served;
  const extension = extname(name.replace(/[?#].*$/, '')).toLowerCase();
  const known = byExtension[extension];
  if (known) return known;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(start)) return 'html';
  if (/^<(?:\?xml|rss[\s>]|feed[\s>])/i.test(start)) return 'feed';
  if (/^---[ \t]*\r?\n/.test(start) || /^#{1,6}[ \t]+\S/m.test(start)) return 'markdown';
  return 'text';
}
