import type { Actor, Article } from '@newsroom/domain';

/** The statuses an import may give an article: anything else is an editor's decision. */
export const importStatuses = ['draft', 'published'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export interface ImportDraftOptions {
  /** Wins over the draft's own status. New articles are drafts when neither says. */
  status?: ImportStatus;
  /** A section slug; wins over the draft's. Unknown sections fail the article. */
  section?: string;
  /** Update articles edited since their import, overwriting the edits with the copy. */
  force?: boolean;
  /** Decide and return the outcome, then roll everything back: nothing is written. */
  dryRun?: boolean;
  now?: Date;
  actor?: Actor;
}

export type ImportSkipReason = 'unchanged' | 'edited since import';

export interface ImportDraftResult {
  action: 'created' | 'updated' | 'skipped';
  /** Why it was skipped. */
  reason?: ImportSkipReason;
  /** As it is after the import (in a dry run, as it would have been). */
  article: Article;
}

/** One story's outcome in importDrafts: its result, or why it failed (nothing of it was written). */
export type ImportDraftOutcome = { ok: true; result: ImportDraftResult } | { ok: false; error: Error };

/** What an article was imported from, and which of its versions the import wrote. */
export interface ArticleImport {
  articleId: string;
  sourceId: string | null;
  contentHash: string;
  importedVersion: number;
  importedAt: string;
}
