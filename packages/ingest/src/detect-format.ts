import { extname } from 'node:path';

export type InputFormat = 'text' | 'markdown' | 'feed';

const byExtension: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
};

/**
 * Which parser reads an input: by the name's extension (.txt; .md, .markdown; .xml, .rss,
 * .atom), else by its start: `<?xml`, `<rss` or `<feed` is a feed; front matter (`---`) or a
 * Markdown heading line (`# Title`, `## Part`) is Markdown; anything else is scraped text.
 */
export function detectFormat(name: string, text: string): InputFormat {
  const extension = extname(name.replace(/[?#].*$/, '')).toLowerCase();
  const known = byExtension[extension];
  if (known) return known;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^<(?:\?xml|rss[\s>]|feed[\s>])/i.test(start)) return 'feed';
  if (/^---[ \t]*\r?\n/.test(start) || /^#{1,6}[ \t]+\S/m.test(start)) return 'markdown';
  return 'text';
}
