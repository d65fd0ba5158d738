import type { ArticleStatus, Block, Image, SourceCredit, TagType } from '@newsroom/domain';

/**
 * One story as read from outside copy, before it meets the Store: what the parsers produce and
 * the CLI imports. Tags, authors and the section are named as the copy names them; the importer
 * creates or finds them. Nothing in a draft is HTML.
 */
export interface ArticleDraft {
  /** Where it came from, for messages: a file path, a URL, or a URL plus the item's position. */
  origin: string;
  /**
   * The copy's own identity (a feed item's guid, an Atom entry's id, a front-matter `id`), or
   * null: then the importer recognises the story again by contentHash.
   */
  sourceId: string | null;
  /** SHA-256 (hex) of the normalized source text of this story, for idempotent re-imports. */
  contentHash: string;
  headline: string;
  slug: string | null;
  standfirst: string | null;
  body: Block[];
  heroImage: Image | null;
  sources: SourceCredit[];
  tags: { name: string; type?: TagType }[];
  authors: string[];
  /** A section slug (front matter, or the CLI's --section). */
  section: string | null;
  /** Front matter may ask for a status; the CLI's --status wins. */
  status: ArticleStatus | null;
  /** When the copy says it was published (feed pubDate, front-matter date), ISO-8601. */
  publishedAt: string | null;
  canonicalUrl: string | null;
  language: string | null;
  /** Things dropped or changed on the way, each one readable line (e.g. "raw HTML stripped"). */
  warnings: string[];
}

/**
 * Finds an existing article for a "See also <headline>" line: the importer passes one backed by
 * the Store. Returns the article's slug, or null to keep the see-also unresolved with its text.
 */
export type SeeAlsoResolver = (headline: string) => Promise<string | null>;

/** A whole input (file or URL) that could not be read as stories: one clear line for the run's report. */
export class IngestError extends Error {
  override name = 'IngestError';
}
