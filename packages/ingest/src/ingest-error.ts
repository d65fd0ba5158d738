/**
 * Finds an existing article for a "See also <headline>" line: the importer passes one backed by
 * the Store. Returns the article's slug, or null to keep the see-also unresolved with its text.
 */
export type SeeAlsoResolver = (headline: string) => Promise<string | null>;

/** A whole input (file or URL) that could not be read as stories: one clear line for the run's report. */
export class IngestError extends Error {
  override name = 'IngestError';
}
