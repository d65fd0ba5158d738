/** Why an upload was refused; `reason` lets the API pick the status, `message` is for people. */
export type MediaRefusal = 'not-a-picture' | 'corrupt' | 'too-many-pixels' | 'not-only-a-picture';

/** A file refused as a picture: one plain sentence, and nothing stored. */
export class MediaError extends Error {
  override name = 'MediaError';
  constructor(
    readonly reason: MediaRefusal,
    message: string,
  ) {
    super(message);
  }
}
