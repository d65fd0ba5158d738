/**
 * Every size the system accepts, in one place: nothing unbounded enters the Store.
 * Strings are measured in UTF-16 code units (what zod's .max counts).
 */
export const limits = {
  slug: 120,
  headline: 200,
  standfirst: 600,
  dateline: 100,
  seoTitle: 120,
  seoDescription: 300,
  url: 2_000,
  /** Inline text of one paragraph, list item or quote. */
  blockText: 10_000,
  headingText: 300,
  attribution: 200,
  imageAlt: 500,
  caption: 1_000,
  credit: 200,
  imageDimension: 20_000,
  listItems: 100,
  bodyBlocks: 500,
  /** The whole body, serialized as JSON, in bytes. */
  bodyBytes: 500_000,
  tagsPerArticle: 20,
  relatedPerArticle: 10,
  authorsPerArticle: 10,
  sourcesPerArticle: 20,
  sourceName: 100,
  corrections: 50,
  correctionText: 2_000,
  name: 120,
  description: 2_000,
  bio: 2_000,
  commentName: 80,
  commentBody: 5_000,
  tokenName: 100,
  /** Comments moderated together in one call (a page of the queue at most). */
  moderationBatch: 100,
  /** RFC 5321's longest usable address. */
  email: 254,
  personName: 120,
  passwordMin: 10,
  passwordMax: 256,
  passkeyName: 60,
  auditAction: 60,
  auditObjectId: 200,
  language: 35,
  searchQuery: 200,
  /** A preview link's token as typed into an address: ours are 47 characters. */
  previewToken: 100,
  /** The longest a share preview link may last, in days. */
  previewDays: 30,
  webhookDescription: 200,
  /** Endpoints a newsroom may register: each event is planned for every one that wants it. */
  webhooks: 50,
  /** The first bytes of a webhook receiver's answer kept with each attempt. */
  webhookResponseExcerpt: 1_000,
  /** Page sizes for every list. */
  pageDefault: 20,
  pageMax: 100,
  cursor: 500,
} as const;
