/**
 * A copy that was refused (same database, a destination with content, a schema the copy does
 * not know) or that did not match its source; either way the destination holds nothing of it.
 */
export class CopyError extends Error {
  override name = 'CopyError';
}
