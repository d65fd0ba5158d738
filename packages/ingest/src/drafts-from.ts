import type { ArticleDraft } from '@newsroom/domain';
import { detectFormat } from './detect-format.js';
import { parseFeed } from './feed.js';
import { IngestError } from './ingest-error.js';
import { parseMarkdown } from './markdown.js';
import { type ReadInputOptions, readInput } from './read-input.js';
import { parseScrapedText } from './scraped-text.js';

export type DraftsFromOptions = ReadInputOptions;

/**
 * The drafts in a file or URL: readInput, then detectFormat, then that format's parser. One
 * draft for text and Markdown, one per item for a feed (none for an empty feed). An HTML page is
 * refused: its text is site markup, not copy (save the story's text, or read the site's feed).
 */
export async function draftsFrom(
  pathOrUrl: string,
  options: DraftsFromOptions = {},
): Promise<ArticleDraft[]> {
  const { origin, name, text } = await readInput(pathOrUrl, options);
  if (/^\s*<(?:!doctype\s+html|html[\s>])/i.test(text)) {
    throw new IngestError(`${origin}: an HTML page, not article text or a feed`);
  }
  switch (detectFormat(name, text)) {
    case 'feed':
      return parseFeed(text, { origin });
    case 'markdown':
      return [parseMarkdown(text, { origin })];
    case 'text':
      return [parseScrapedText(text, { origin })];
  }
}
