/** A whole input (file or URL) that could not be read as stories: one clear line for the run's report. */
export class IngestError extends Error {
  override name = 'IngestError';
}
