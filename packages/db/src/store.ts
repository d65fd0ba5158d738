import type {
  Article,
  ArticleListQuery,
  ArticleStatus,
  ArticleSummary,
  Author,
  Comment,
  CommentStatus,
  CreateArticleInput,
  CreateCommentInput,
  Page,
  Principal,
  Role,
  Section,
  Tag,
  UpdateArticleInput,
} from '@newsroom/domain';
import type { ImportArticleInput } from './import-article.js';

/**
 * Everything the API and the CLI may do with stored content, in the domain's terms.
 * No SQL crosses this line; each backend (SQLite now, PostgreSQL later) implements it and
 * runs the same contract suite (src/testing/store-contract.ts).
 *
 * Inputs are the domain schemas' input types: the Store parses them again itself (the CLI
 * has no API in front of it), and values the API has already parsed fit them as well.
 */
export interface Store {
  readonly articles: ArticleRepository;
  readonly tags: TaxonomyRepository<Tag>;
  readonly sections: TaxonomyRepository<Section>;
  readonly authors: TaxonomyRepository<Author>;
  readonly comments: CommentRepository;
  readonly tokens: TokenRepository;
  /** Number of articles in any status: an empty database is seeded on first start. */
  articleCount(): Promise<number>;
  close(): Promise<void>;
}

export interface ArticleRepository {
  /**
   * Newest first by publication time (creation time for unpublished ones), then id, with a
   * keyset cursor. `status` defaults to published: callers ask for other states explicitly.
   */
  list(query: ArticleListQuery): Promise<Page<ArticleSummary>>;
  /** `status` undefined means published only; 'any' finds it in every status. */
  bySlug(slug: string, options?: { status?: ArticleStatus | 'any' }): Promise<Article | null>;
  /** In any status: ids are for editors' tools, readers go by slug. */
  byId(id: string): Promise<Article | null>;
  /** Creates a draft. Throws SlugTakenError, MissingReferenceError. */
  create(input: CreateArticleInput, options?: { now?: Date }): Promise<Article>;
  /**
   * Applies a partial update if `input.version` is the stored version, else throws
   * VersionConflictError and changes nothing. A `minor` save keeps updatedAt.
   */
  update(input: UpdateArticleInput, options?: { now?: Date }): Promise<Article>;
  /**
   * Moves an article to another status (checked by the domain's statusTransition; throws
   * InvalidTransitionError). Publishing sets publishedAt the first time only. Scheduling
   * needs `scheduledFor`, a time after `now`. Checks `version` like update (VersionConflictError).
   */
  setStatus(
    id: string,
    version: number,
    status: ArticleStatus,
    options?: { now?: Date; scheduledFor?: string },
  ): Promise<Article>;
  /**
   * Inserts finished articles (seed content, another system's export) with their own status
   * and times, in one transaction, reading `articles` lazily and writing in batches: the fast
   * path for tens of thousands. All or nothing: throws SlugTakenError, MissingReferenceError
   * or StoreError (invalid input, naming the article) and then nothing is imported.
   * Returns the number imported.
   */
  importMany(
    articles: Iterable<ImportArticleInput> | AsyncIterable<ImportArticleInput>,
    options?: { batchSize?: number },
  ): Promise<number>;
}

export interface TaxonomyRepository<T extends { slug: string }> {
  list(): Promise<T[]>;
  bySlug(slug: string): Promise<T | null>;
  /** Creates or replaces by slug. */
  upsert(item: T): Promise<T>;
}

export interface CommentRepository {
  /**
   * Approved comments, oldest first, replies grouped under their parent by the caller.
   * Throws NotFoundError for an unknown article.
   */
  listApproved(articleId: string, query: { cursor?: string; limit: number }): Promise<Page<Comment>>;
  /**
   * New comments start pending. Throws NotFoundError for an unknown article or parent. A reply
   * to a reply is filed under the top-level comment, since threads are one level deep.
   */
  create(input: CreateCommentInput, options?: { now?: Date }): Promise<Comment>;
  /** Throws NotFoundError for an unknown comment. */
  setStatus(id: string, status: CommentStatus): Promise<Comment>;
}

export interface CreatedToken {
  /** The secret, shown once; only its hash is stored. */
  token: string;
  principal: Principal;
}

export interface TokenRepository {
  /** Throws MissingReferenceError for an unknown author. */
  create(input: { name: string; role: Role; authorSlug?: string | null }): Promise<CreatedToken>;
  /** The principal of a live token, or null for an unknown or revoked one. */
  resolve(token: string): Promise<Principal | null>;
  /** True if a live token was revoked; false if it was unknown or already revoked. */
  revoke(tokenId: string): Promise<boolean>;
}
