export { readBodyAtMost } from './bounded-body.js';
export { contentHashOf } from './content-hash.js';
export { detectFormat, type InputFormat } from './detect-format.js';
export { blankDraft, defaultImageSize } from './draft-limits.js';
export { type DraftsFromOptions, draftsFrom } from './drafts-from.js';
export { maxFeedItems, parseFeed } from './feed.js';
export { markupShape, maxMarkupDepth, maxPageElements, parseHtmlPage } from './html-page.js';
export { IngestError } from './ingest-error.js';
export { parseMarkdown } from './markdown.js';
export { type PageMetadata, readPageMetadata } from './page-metadata.js';
export { isPublicAddress, PrivateAddressError, privateHostOf, publicFetch } from './public-fetch.js';
export {
  defaultMaxBytes,
  defaultTimeoutMs,
  type Input,
  type ReadInputOptions,
  readInput,
  userAgent,
} from './read-input.js';
export {
  resolveSeeAlso,
  type SeeAlsoCandidate,
  type SeeAlsoCandidates,
  searchesFor,
  seeAlsoHitsPerSearch,
} from './resolve-see-also.js';
export {
  type ParagraphContext,
  parseScrapedText,
  type RuleMatch,
  type ScrapedTextEffect,
  type ScrapedTextRule,
  scrapedTextRules,
} from './scraped-text.js';
export {
  fuzzyHeadlineThreshold,
  type HeadlineMatch,
  matchHeadline,
  normalizedHeadline,
} from './see-also.js';
