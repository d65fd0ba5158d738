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

/** Another person has this email address. */
export class EmailTakenError extends StoreError {
  override name = 'EmailTakenError';
  constructor(readonly email: string) {
    super(`someone already has the email address ${email}`);
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

/** A picture that articles still use cannot be deleted; the message names them. */
export class MediaInUseError extends StoreError {
  override name = 'MediaInUseError';
}

/** The caller asked for something that cannot be: a foreign cursor, a tag merged into itself. */
export class InvalidInputError extends StoreError {
  override name = 'InvalidInputError';
}

/** Why the database cannot take the call now; each says what a caller or an operator can do. */
export type UnavailableReason = 'busy' | 'full' | 'unreachable';

function unavailableMessage(reason: UnavailableReason, code: string | undefined): string {
  // The driver's error code (ECONNREFUSED, 53300) names the fault without host, port or SQL.
  const known = code ? ` (${code})` : '';
  switch (reason) {
    case 'busy':
      return 'The database is busy: another process holds its write lock. Nothing was written; try again shortly';
    case 'full':
      return `The database is out of disk space${known}. Nothing was written; reading still works, and writing will again once space is freed`;
    case 'unreachable':
      return `The database cannot be reached${known}. Nothing was done; try again shortly`;
  }
}

/**
 * The database refused the call for a reason that passes (a lock held by another process, a
 * full disk, a server that is down or out of connections): the same call may succeed later.
 * The message never holds SQL or paths; the database's own error is the `cause`, for the log.
 */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
  constructor(
    readonly reason: UnavailableReason,
    options: { cause: unknown; code?: string },
  ) {
    super(unavailableMessage(reason, options.code), { cause: options.cause });
  }

  /** A fair wait before trying again: a lock is gone in moments, a full disk needs a person. */
  get retryAfterSeconds(): number {
    return this.reason === 'full' ? 60 : 2;
  }
}

/** Another passkey (this person's or someone else's) is registered with this credential. */
export class PasskeyTakenError extends StoreError {
  override name = 'PasskeyTakenError';
  constructor() {
    super('this passkey is already registered');
  }
}
