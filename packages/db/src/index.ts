export { CopyError } from './copy/copy-error.js';
export type { CopyTarget } from './copy/copy-location.js';
export {
  type CopiedTableReport,
  type CopyOptions,
  type CopyProgress,
  type CopyReport,
  copyNewsroom,
} from './copy/copy-newsroom.js';
export {
  type DatabaseLocation,
  DatabaseUrlSchema,
  defaultDatabaseUrl,
  displayDatabaseUrl,
  parseDatabaseUrl,
  resolveDatabaseUrl,
} from './database-url.js';
export {
  type ArticleImport,
  type ImportDraftOptions,
  type ImportDraftOutcome,
  type ImportDraftResult,
  type ImportSkipReason,
  type ImportStatus,
  importStatuses,
} from './draft-import-types.js';
export {
  CommentsClosedError,
  EmailTakenError,
  InvalidInputError,
  InvalidTransitionError,
  MediaInUseError,
  MissingReferenceError,
  NotFoundError,
  PasskeyTakenError,
  SlugTakenError,
  StoreError,
  StoreUnavailableError,
  type UnavailableReason,
  VersionConflictError,
} from './errors.js';
export {
  type ImportArticle,
  type ImportArticleInput,
  ImportArticleInputSchema,
} from './finished-article-input.js';
export { searchCandidates } from './kysely/full-text-search.js';
export { observedStore, type StoreCallObserver } from './observed-store.js';
export { openStore } from './open-store.js';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { backupSqliteDatabase } from './sqlite/backup.js';
export { type RestoreReport, restoreSqliteDatabase } from './sqlite/restore.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export type {
  ArticleRepository,
  AuditRepository,
  ChallengeKind,
  ChallengeRepository,
  ChangeFeed,
  CommentRepository,
  CommentThread,
  Counted,
  CreatedPreview,
  CreatedToken,
  ImportRepository,
  KeptPicture,
  MediaListQuery,
  MediaRepository,
  MediaUse,
  NewPasskeyCredential,
  OneTimeLinkKind,
  OneTimeLinkRepository,
  PasskeyCredential,
  PeopleRepository,
  PlannedDelivery,
  PreviewRepository,
  RateLimitRepository,
  RateLimitWindow,
  RedirectKind,
  RedirectRepository,
  SessionRepository,
  SettingsRepository,
  SignInThrottleRepository,
  Store,
  TagRepository,
  TaxonomyRepository,
  TokenRepository,
  WebhookRepository,
  WriteOptions,
} from './store.js';
