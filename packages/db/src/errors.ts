/** Failures a caller can act on; the API maps each to an HTTP status. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export class NotFoundError extends StoreError {
  override name = 'NotFoundError';
}

/** Someone saved the article since the caller read it. */
export class VersionConflictError extends StoreError {
  override name = 'VersionConflictError';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `article was changed by someone else: you edited version ${expected}, the current version is ${actual}`,
    );
  }
}

export class SlugTakenError extends StoreError {
  override name = 'SlugTakenError';
  constructor(readonly slug: string) {
    super(`slug "${slug}" is already used`);
  }
}

/** An article names a section, tag or author that does not exist. */
export class MissingReferenceError extends StoreError {
  override name = 'MissingReferenceError';
}

export class InvalidTransitionError extends StoreError {
  override name = 'InvalidTransitionError';
}

/** Readers may not comment on this article. */
export class CommentsClosedError extends StoreError {
  override name = 'CommentsClosedError';
}

/** The caller asked for something that cannot be: a foreign cursor, a tag merged into itself. */
export class InvalidInputError extends StoreError {
  override name = 'InvalidInputError';
}
