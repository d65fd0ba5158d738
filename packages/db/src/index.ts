export {
  type DatabaseLocation,
  DatabaseUrlSchema,
  defaultDatabaseUrl,
  parseDatabaseUrl,
  resolveDatabaseUrl,
} from './database-url.js';
export {
  CommentsClosedError,
  InvalidInputError,
  InvalidTransitionError,
  MissingReferenceError,
  NotFoundError,
  SlugTakenError,
  StoreError,
  VersionConflictError,
} from './errors.js';
export {
  type ImportArticle,
  type ImportArticleInput,
  ImportArticleInputSchema,
} from './import-article.js';
export { openStore } from './open-store.js';
export { type GenerateArticlesOptions, generateArticles } from './seed/generate-articles.js';
export { sampleStories, sampleStorySlug } from './seed/sample-stories.js';
export { type SeedCounts, type SeedOptions, seed, seedIfEmpty } from './seed/seed.js';
export { openSqliteStore } from './sqlite/sqlite-store.js';
export type {
  ArticleRepository,
  CommentRepository,
  CommentThread,
  Counted,
  CreatedToken,
  RedirectKind,
  RedirectRepository,
  Store,
  TagRepository,
  TaxonomyRepository,
  TokenRepository,
  WriteOptions,
} from './store.js';
