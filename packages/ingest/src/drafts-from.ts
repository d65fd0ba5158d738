import type { ArticleDraft } from '@newsroom/domain';
import { detectFormat } from './detect-format.js';
import { parseFeed } from './feed.js';
import { parseHtmlPage } from './html-page.js';
import { parseMarkdown } from './markdown.js';
import { type ReadInputOptions, readInput } from './read-input.js';
import { parseScrapedText } from './scraped-text.js';

export type DraftsFromOptions = ReadInputOptions;

/**
 * The drafts in a file or URL: readInput, then detectFormat, then that format's parser. One
 * draft for text, Markdown and a web page, one per item for a feed (none for an empty feed).
 */
export async function draftsFrom(
  pathOrUrl: string,
  options: DraftsFromOptions = {},
): Promise<ArticleDraft[]> {
  const { origin, name, text, mediaType } = await readInput(pathOrUrl, options);
  switch (detectFormat(name, text, mediaType)) {
    case 'html':
      return [parseHtmlPage(text, { origin, url: /^https?:\/\//i.test(origin) ? origin : null })];
    case 'feed':
      return parseFeed(text, { origin });
    case 'markdown':
      return [parseMarkdown(text, { origin })];
    case 'text':
      return [parseScrapedText(text, { origin })];
  }
}
