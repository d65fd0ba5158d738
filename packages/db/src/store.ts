import type {
  Actor,
  ApiToken,
  Article,
  ArticleDraftInput,
  ArticleListQuery,
  ArticleRevision,
  ArticleSearchHit,
  ArticleSearchQuery,
  ArticleStatus,
  ArticleSummary,
  AuditEntry,
  AuditEntryInput,
  AuditQuery,
  Author,
  Comment,
  CommentStatus,
  CreateArticleInput,
  CreateCommentInput,
  CreateTokenInput,
  CreateWebhookInput,
  DeskStory,
  DeskStoryListQueryInput,
  EventType,
  InvitePersonInput,
  Media,
  MediaFormat,
  NewsroomEvent,
  NewsroomSettings,
  Page,
  Passkey,
  Person,
  PersonStatus,
  PreviewCreator,
  PreviewLink,
  PreviewPurpose,
  Principal,
  QueuedComment,
  Section,
  SessionInfo,
  Tag,
  UpdateArticleInput,
  UpdateMediaInput,
  UpdateWebhookInput,
  Webhook,
  WebhookAttempt,
  WebhookDeliveriesInput,
  WebhookDelivery,
  WebhookStory,
} from '@newsroom/domain';
import type {
  ArticleImport,
  ImportDraftOptions,
  ImportDraftOutcome,
  ImportDraftResult,
} from './draft-import-types.js';
import type { ImportArticleInput } from './finished-article-input.js';

/**
 * Everything the API, the CLI and the sample seed may do with stored content, in the domain's
 * terms. No SQL crosses this line; both backends (SQLite, and PostgreSQL on a server or PGlite)
 * implement it over the same Kysely code and run the same contract suite
 * (src/testing/store-contract.ts).
 *
 * Inputs are the domain schemas' input types: the Store parses them again itself (the CLI
 * has no API in front of it), and values the API has already parsed fit them as well.
 *
 * Every edit of an article (create, update, status moves, review requests, corrections,
 * restores, imports of copy) records a revision with who and when, so any saved state can be
 * seen and restored: the actor is `options.actor` (default: the system actor), and the system
 * for publishDue. Two writes do not: importMany (its finished articles get their first revision
 * at their first change), and renaming, merging or deleting a section, tag or author, which
 * changes the articles that carry it without a new version.
 */
export interface Store {
  readonly articles: ArticleRepository;
  readonly tags: TagRepository;
  readonly sections: TaxonomyRepository<Section>;
  readonly authors: TaxonomyRepository<Author>;
  readonly comments: CommentRepository;
  readonly tokens: TokenRepository;
  readonly redirects: RedirectRepository;
  readonly imports: ImportRepository;
  readonly rateLimits: RateLimitRepository;
  readonly people: PeopleRepository;
  readonly sessions: SessionRepository;
  readonly links: OneTimeLinkRepository;
  readonly challenges: ChallengeRepository;
  readonly signInThrottle: SignInThrottleRepository;
  readonly audit: AuditRepository;
  readonly settings: SettingsRepository;
  readonly previews: PreviewRepository;
  readonly media: MediaRepository;
  readonly events: EventRepository;
  readonly webhooks: WebhookRepository;
  /** Tells each process's caches when published content may have changed. */
  readonly changes: ChangeFeed;
  /** Number of articles in any status: `newsroom seed --if-empty` (which `npm start` runs) seeds only at 0. */
  articleCount(): Promise<number>;
  /** Whether the database answers a trivial query: for readiness checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface WriteOptions {
  now?: Date;
  actor?: Actor;
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
  /**
   * Published articles matching a reader's search (the domain's parseSearchQuery: words,
   * "phrases", -exclusions), best match first, with a keyset cursor over (rank, id) and a
   * snippet of plain-text runs marking the matched words. Nothing typed acts as engine syntax;
   * text with nothing to look for gives an empty page. Throws StoreError for text over
   * limits.searchQuery or a cursor it did not make.
   */
  search(query: ArticleSearchQuery): Promise<Page<ArticleSearchHit>>;
  /**
   * The desk's story list: articles in every status (or the desk statuses asked for, where
   * "in-review" is a draft with a review request and "draft" one without), newest-updated
   * first, then by id, with a keyset cursor over (updatedAt, id). `author` and `bylineOf` must
   * both be on the byline; `q` has search's word semantics (words, "phrases", -exclusions) over
   * every status, and keeps this order. Pages are stable while nothing changes; a story saved
   * between two pages moves to the top, so it may be seen twice or missed. Each row names who
   * made the newest revision. Throws InvalidInputError for input the domain's
   * DeskStoryListQuerySchema refuses.
   */
  deskList(query: DeskStoryListQueryInput): Promise<Page<DeskStory>>;
  /**
   * Published stories related to a published article: the editor's picks (relatedSlugs) in
   * their order first, then others by the domain's relatednessScore among recent published
   * articles that share a tag or the section. Never the article itself, never unpublished ones;
   * at most 20 whatever `limit`. Throws NotFoundError when the article is not published.
   */
  related(id: string, limit: number): Promise<ArticleSummary[]>;
  /**
   * Creates a draft. Throws SlugTakenError, MissingReferenceError (also for a related pick that
   * names no article; the article's own slug among its picks is left out).
   */
  create(input: CreateArticleInput, options?: WriteOptions): Promise<Article>;
  /**
   * Applies a partial update if `input.version` is the stored version, else throws
   * VersionConflictError and changes nothing. A `minor` save keeps updatedAt. A new slug
   * leaves a redirect from the old one. Related picks are saved with renamed stories' current
   * slugs; a new pick that names no article throws MissingReferenceError.
   */
  update(input: UpdateArticleInput, options?: WriteOptions): Promise<Article>;
  /**
   * Moves an article to another status (checked by the domain's statusTransition; throws
   * InvalidTransitionError). Publishing sets publishedAt the first time only. Scheduling
   * needs `scheduledFor`, a time after `now`. Checks `version` like update (VersionConflictError).
   * Clears reviewRequestedAt.
   */
  setStatus(
    id: string,
    version: number,
    status: ArticleStatus,
    options?: WriteOptions & { scheduledFor?: string },
  ): Promise<Article>;
  /**
   * Marks a draft as ready for an editor's review (reviewRequestedAt = now; updatedAt stays).
   * Checks `version`; InvalidTransitionError for an article that is not a draft. Recorded as a
   * 'status' revision.
   */
  requestReview(id: string, version: number, options?: WriteOptions): Promise<Article>;
  /**
   * Appends a dated public correction; updatedAt becomes now. Checks `version`. Only for an
   * article that has been published (InvalidTransitionError), at most limits.corrections.
   */
  addCorrection(id: string, version: number, note: string, options?: WriteOptions): Promise<Article>;
  /**
   * Removes the article, its revisions and comments, and the redirects that led to it. Checks
   * `version`. Throws NotFoundError.
   */
  delete(id: string, version: number, options?: WriteOptions): Promise<void>;
  /**
   * Saved states, newest (highest version) first, with a keyset cursor. An article from
   * importMany, or saved before revisions existed, has none until its first tracked change,
   * which first saves the state it had. Throws NotFoundError.
   */
  revisions(id: string, query: { cursor?: string; limit: number }): Promise<Page<ArticleRevision>>;
  /** One saved state of the article, or null when it has no revision of that id. */
  revision(id: string, revisionId: string): Promise<ArticleRevision | null>;
  /**
   * Writes a revision's editable fields back as a new version (status, times and corrections
   * stay as they are now). Sections, tags and authors renamed since are followed, deleted ones
   * left out. Checks `version`; throws NotFoundError for an unknown revision (or one of another
   * article), SlugTakenError when another article has the revision's slug now.
   */
  restore(id: string, revisionId: string, version: number, options?: WriteOptions): Promise<Article>;
  /**
   * Publishes every scheduled article whose time has come, each exactly once even when
   * several processes call this at the same moment (a conditional UPDATE decides). Returns the
   * ones this call published, each recorded as a 'status' revision by the system actor.
   */
  publishDue(now: Date): Promise<Article[]>;
  /**
   * Inserts finished articles (the sample seed's, another system's export) with their own status
   * and times, in one transaction, reading `articles` lazily and writing in batches: the fast
   * path for tens of thousands. All or nothing: throws SlugTakenError, MissingReferenceError
   * or StoreError (invalid input, naming the article) and then nothing is imported.
   * Each article gets its event (`article.published` or `article.created`), but no revision.
   * Returns the number imported.
   */
  importMany(
    articles: Iterable<ImportArticleInput> | AsyncIterable<ImportArticleInput>,
    options?: { batchSize?: number; now?: Date },
  ): Promise<number>;
}

/**
 * Idempotent imports of outside copy (what `newsroom import` and the sample seed use), one story at a
 * time. Each story is recognised again by the copy's own identity (`sourceId`: a feed guid, a
 * front-matter id) when it has one, else by `contentHash`, the hash of its text; what was
 * imported, and which article version the import wrote, is recorded (migration 0003).
 */
export interface ImportRepository {
  /**
   * In one transaction: finds the earlier import of this story and
   * - none: creates the article (slug from the headline, with -2, -3… when taken; an explicit
   *   slug that is taken throws SlugTakenError). Its tags and authors are found by the slug of
   *   the name the copy gives, else by that name, else through a rename, else created; the
   *   section must exist (MissingReferenceError). Status: `options.status`, else the draft's,
   *   else draft; an import makes drafts and published articles only (InvalidInputError
   *   otherwise). A published one gets the copy's publishedAt, else now. Recorded as a
   *   'created' revision.
   * - the article was edited since (its version is above the imported version): skips it with
   *   reason 'edited since import', unless `force`, which updates it from the copy.
   * - the same copy and no status to change: skips it with reason 'unchanged'.
   * - otherwise updates it in place (same id and slug): headline and body from the copy; its
   *   other fields only where the copy carries them (an empty one keeps the article's value);
   *   then moves it to the status asked for, if any (by the domain's statusTransition).
   * A story that fails (invalid draft: InvalidInputError naming the fields; unknown section;
   * a status move not allowed) throws and leaves nothing written, new tags included.
   * `dryRun` decides the same way, then rolls back.
   */
  importDraft(draft: ArticleDraftInput, options?: ImportDraftOptions): Promise<ImportDraftResult>;
  /**
   * The same for many stories with the same options, read lazily: one outcome per draft, in
   * order, each decided and written exactly as importDraft would. For speed, `batchSize`
   * stories (default 100) share a transaction, each inside its own savepoint, so a story that
   * fails is rolled back alone and reported as `{ ok: false, error }` while the others are
   * kept. Outcomes are yielded once their batch is committed. A failure of the database itself
   * (not of a story) throws, and that batch is rolled back.
   */
  importDrafts(
    drafts: Iterable<ArticleDraftInput> | AsyncIterable<ArticleDraftInput>,
    options?: ImportDraftOptions & { batchSize?: number },
  ): AsyncGenerator<ImportDraftOutcome>;
  /** What the article was imported from, or null for an article never imported. */
  byArticleId(articleId: string): Promise<ArticleImport | null>;
}

/** A section, tag or author with the number of published articles that carry it. */
export type Counted<T> = T & { articleCount: number };

export interface TaxonomyRepository<T extends { slug: string }> {
  /** Sections by their order then name; tags and authors by name. */
  list(): Promise<Counted<T>[]>;
  bySlug(slug: string): Promise<Counted<T> | null>;
  /** Creates or replaces by slug (the sample seed; an import of copy creates with its own rules). */
  upsert(item: T, options?: WriteOptions): Promise<T>;
  /** Throws SlugTakenError when the slug is in use. */
  create(item: T, options?: WriteOptions): Promise<T>;
  /**
   * Changes fields (the merged item is checked with the domain schema); a new slug moves every
   * reference and leaves a redirect from the old one so links keep working.
   * Throws NotFoundError, SlugTakenError.
   */
  update(slug: string, patch: Partial<T>, options?: WriteOptions): Promise<T>;
  /**
   * Removes it from every article (a section's articles are left without a section; a deleted
   * author's API tokens stay valid, for no author, and people who wrote as that author keep
   * their account without a byline) and deletes it. Throws NotFoundError.
   */
  delete(slug: string, options?: WriteOptions): Promise<void>;
  /**
   * Folds `from` into `into`, in one transaction: every article moves over (a tag or author
   * list keeps its order and never names one twice: an article that had both keeps `into` at
   * the earlier of the two positions, so a merged primary tag or lead byline stays first; a
   * section's articles change section), an author's API tokens and people follow, `from` is
   * deleted and its slug redirects to `into`. Returns `into` with its new count. Throws
   * NotFoundError for an unknown slug, InvalidInputError when `from` is `into`.
   */
  merge(from: string, into: string, options?: WriteOptions): Promise<Counted<T>>;
}

/** Tags have nothing the other two lack; the name stays for callers that use it. */
export type TagRepository = TaxonomyRepository<Tag>;

export type RedirectKind = 'article' | 'tag' | 'section' | 'author';

export interface RedirectRepository {
  /**
   * The current slug for an old one (following a chain of renames), or null: also when the
   * slug is current itself, or the item it led to is gone.
   */
  lookup(kind: RedirectKind, slug: string): Promise<string | null>;
}

/** A top-level comment with its approved replies, oldest reply first. */
export type CommentThread = Comment & { replies: Comment[] };

export interface CommentRepository {
  /**
   * Approved top-level comments of a published article, oldest or newest first, each with
   * its approved replies (at most 100), keyset-paginated over the top-level ones. Throws
   * NotFoundError.
   */
  list(
    articleId: string,
    query: { order: 'oldest' | 'newest'; cursor?: string; limit: number },
  ): Promise<Page<CommentThread>>;
  /**
   * Comments waiting for a moderator (or in another status) across articles, each with its
   * article, oldest first unless `order` says newest, keyset-paginated: for editors.
   */
  listByStatus(
    status: CommentStatus,
    query: { order?: 'oldest' | 'newest'; cursor?: string; limit: number },
  ): Promise<Page<QueuedComment>>;
  /** How many comments are in each status (every status named, 0 included): the moderation queue's length for metrics. */
  countByStatus(): Promise<Record<CommentStatus, number>>;
  /**
   * A reader's comment on a published article: approved at once when the article's policy is
   * open, pending when moderated; CommentsClosedError when closed. NotFoundError for an
   * unknown or unpublished article or parent. A reply to a reply is filed under the top-level
   * comment, since threads are one level deep.
   */
  create(input: CreateCommentInput, options?: { now?: Date }): Promise<Comment>;
  /** Throws NotFoundError for an unknown comment. `options.actor` is the moderator, for the event. */
  setStatus(id: string, status: CommentStatus, options?: WriteOptions): Promise<Comment>;
  /**
   * Sets the status of several comments in one transaction and returns those it found, in the
   * order of `ids`; unknown ids are skipped (a comment may have gone with its article since the
   * moderator's page was read). At most limits.moderationBatch ids, else InvalidInputError.
   */
  setStatusMany(ids: readonly string[], status: CommentStatus, options?: WriteOptions): Promise<Comment[]>;
}

export interface CreatedToken {
  /** The secret, shown once; only its hash is stored. */
  token: string;
  principal: Principal & { tokenId: string };
  /** The token as the admins' list shows it. */
  apiToken: ApiToken;
}

export interface TokenRepository {
  /**
   * Throws MissingReferenceError for an unknown author, InvalidInputError for an invalid input
   * or an `expiresAt` that is not after `now`.
   */
  create(input: CreateTokenInput, options?: { now?: Date }): Promise<CreatedToken>;
  /**
   * The principal of a live token, or null for an unknown, revoked or expired one. Marks it
   * used, at most once a minute.
   */
  resolve(token: string, options?: { now?: Date }): Promise<Principal | null>;
  /** Every token, live or not, newest first, keyset pages; never a secret or its hash. */
  list(query: { cursor?: string; limit: number }): Promise<Page<ApiToken>>;
  /** True if a live token was revoked; false if it was unknown or already revoked. */
  revoke(tokenId: string, options?: { now?: Date }): Promise<boolean>;
}

/** A rate limit's current window for one key. */
export interface RateLimitWindow {
  /** Hits counted in the window (0 when none is open). */
  hits: number;
  windowEndsAt: Date;
}

/**
 * Rate-limit counters shared by every process on the database, so a client's limit holds
 * however many API instances answer it.
 */
export interface RateLimitRepository {
  /**
   * Counts a hit on `key` (at most 200 characters) and returns its window: a new one of
   * `windowMs` starts when the last has ended. Two processes hitting at once both count.
   */
  hit(key: string, windowMs: number, now?: Date): Promise<RateLimitWindow>;
  /** The open window without counting a hit. */
  peek(key: string, now?: Date): Promise<RateLimitWindow>;
  /** Forgets windows that have ended; returns how many. */
  prune(now?: Date): Promise<number>;
}

/**
 * Change notices for caches. After every committed write that can change what readers see
 * (articles, taxonomy, comments, redirects, imports; not tokens or rate limits), each listener
 * is called: at once in the process that wrote, and in every other process with a Store on the
 * same database moments later (PostgreSQL: LISTEN/NOTIFY; a SQLite file: its data_version,
 * polled every second; a SQLite database in memory has no other process). On PostgreSQL a
 * listener is also called when the notification connection was lost and re-established, since
 * notices may have been missed.
 */
export interface ChangeFeed {
  /** Returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void;
  /**
   * Resolves once other processes' writes reach this Store's listeners (listening starts with
   * the first subscriber, and a LISTEN takes a moment), at once when nothing is subscribed or
   * there are no other processes to hear.
   */
  listening(): Promise<void>;
}

/**
 * People who sign in to the desk. Secrets (password hashes, TOTP keys, recovery codes, passkey
 * public keys) are read and written through their own methods and never appear on Person.
 * Emails are stored lower-cased (EmailSchema), so lookups are case-insensitive.
 */
export interface PeopleRepository {
  /**
   * A new person in status "invited", with no password yet. Throws EmailTakenError when the
   * email belongs to someone, MissingReferenceError for an unknown author.
   */
  /** Records a `person.changed` event ('invited'), as update ('updated', 'suspended', 'reactivated') and an accepted invitation ('activated') do. */
  invite(input: InvitePersonInput, options?: WriteOptions): Promise<Person>;
  byId(id: string): Promise<Person | null>;
  byEmail(email: string): Promise<Person | null>;
  /** By email, keyset pages; `status` filters. */
  list(query: { status?: PersonStatus; cursor?: string; limit: number }): Promise<Page<Person>>;
  /** Throws NotFoundError, EmailTakenError, MissingReferenceError. */
  update(
    id: string,
    patch: Partial<Pick<Person, 'name' | 'role' | 'authorSlug' | 'status'>>,
    options?: WriteOptions,
  ): Promise<Person>;
  /** The stored hash (its own parameters inside), or null when no password is set. */
  passwordHash(id: string): Promise<string | null>;
  /** Sets the hash; an invited person becomes active. Throws NotFoundError. */
  setPasswordHash(id: string, hash: string): Promise<void>;
  recordSignIn(id: string, now?: Date): Promise<void>;

  /** The TOTP key (base32) and whether it is confirmed, or null when none was begun. */
  totp(id: string): Promise<{ secret: string; enabled: boolean } | null>;
  /** Starts an enrolment: a new unconfirmed key replaces any unconfirmed one. */
  beginTotp(id: string, secret: string): Promise<void>;
  /** Confirms the begun key and stores the recovery codes' hashes (replacing old ones). */
  enableTotp(id: string, recoveryCodeHashes: string[]): Promise<void>;
  /** Removes the key and the recovery codes. */
  disableTotp(id: string): Promise<void>;
  /**
   * Records that the TOTP time step `step` was used; false when it (or a later one) already
   * was, so a code cannot be replayed within its window.
   */
  useTotpStep(id: string, step: number): Promise<boolean>;
  /** Replaces the recovery codes' hashes. */
  setRecoveryCodes(id: string, hashes: string[]): Promise<void>;
  /** Spends one recovery code by its hash; false when it is unknown or already spent. */
  useRecoveryCode(id: string, hash: string): Promise<boolean>;
  recoveryCodesLeft(id: string): Promise<number>;

  passkeys(personId: string): Promise<Passkey[]>;
  /** A passkey's stored credential, by the credential id the authenticator names. */
  passkeyCredential(credentialId: string): Promise<PasskeyCredential | null>;
  /** Throws NotFoundError for an unknown person, a conflict when the credential is registered. */
  addPasskey(personId: string, credential: NewPasskeyCredential): Promise<Passkey>;
  /** False when the person has no such passkey. */
  renamePasskey(personId: string, passkeyId: string, name: string): Promise<boolean>;
  removePasskey(personId: string, passkeyId: string): Promise<boolean>;
  /** After a sign-in with it: the authenticator's new signature counter. */
  usePasskey(passkeyId: string, counter: number, now?: Date): Promise<void>;
}

export interface NewPasskeyCredential {
  name: string;
  /** base64url, as WebAuthn names it. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
}

export interface PasskeyCredential extends NewPasskeyCredential {
  id: string;
  personId: string;
}

/**
 * Signed-in sessions. The secret the browser holds is 256 random bits; only its SHA-256 is
 * stored, so a copy of the database cannot sign anyone in.
 */
export interface SessionRepository {
  /** A new session with a new secret (never reused: no fixation). */
  create(input: {
    personId: string;
    userAgent: string;
    address: string;
    /** The absolute lifetime. */
    lifetimeMs: number;
    now?: Date;
  }): Promise<{ secret: string; session: SessionInfo }>;
  /**
   * The live session and its person for a secret: null when unknown, ended, idle for longer
   * than `idleMs`, past its lifetime, or when the person is not active. Marks it seen.
   */
  resolve(
    secret: string,
    options: { idleMs: number; now?: Date },
  ): Promise<{ session: SessionInfo; person: Person } | null>;
  /** The person's live sessions, most recently seen first. */
  list(personId: string, options: { idleMs: number; now?: Date }): Promise<SessionInfo[]>;
  /** False when the person has no such live session. */
  end(personId: string, sessionId: string): Promise<boolean>;
  /** Ends every session of the person but `exceptSessionId`; returns how many. */
  endAll(personId: string, options?: { exceptSessionId?: string }): Promise<number>;
  /** Forgets sessions that ended or expired; returns how many. */
  prune(options: { idleMs: number; now?: Date }): Promise<number>;
}

export type OneTimeLinkKind = 'invitation' | 'reset';

/**
 * Invitation and password-reset links: a random secret in the link, only its hash stored.
 * A new link of a kind replaces the person's earlier one of that kind.
 */
export interface OneTimeLinkRepository {
  create(
    personId: string,
    kind: OneTimeLinkKind,
    options: { ttlMs: number; now?: Date },
  ): Promise<{ secret: string; expiresAt: string }>;
  /** Whose live link this is, without spending it: null when unknown, used or expired. */
  peek(
    secret: string,
    kind: OneTimeLinkKind,
    now?: Date,
  ): Promise<{ personId: string; expiresAt: string } | null>;
  /** Spends the link (once, even under concurrent calls): the person's id, or null. */
  consume(secret: string, kind: OneTimeLinkKind, now?: Date): Promise<string | null>;
}

export type ChallengeKind = 'second-factor' | 'passkey-registration' | 'passkey-sign-in';

/**
 * Short-lived server-side state between two steps of a ceremony: the ticket between a right
 * password and its second factor, a WebAuthn challenge. Held in the database so any API
 * instance can finish what another began. Taking one spends it.
 */
export interface ChallengeRepository {
  create(input: {
    kind: ChallengeKind;
    personId: string | null;
    /** What the second step checks against (a WebAuthn challenge); never a password. */
    value: string;
    ttlMs: number;
    now?: Date;
  }): Promise<{ secret: string; expiresAt: string }>;
  take(
    secret: string,
    kind: ChallengeKind,
    now?: Date,
  ): Promise<{ personId: string | null; value: string } | null>;
  prune(now?: Date): Promise<number>;
}

/**
 * Failed sign-ins per key (an account's email, an address). After `freeFailures` failures,
 * each further attempt must wait twice as long as the last, up to `maxDelayMs`.
 */
export interface SignInThrottleRepository {
  /** How long the caller must still wait before trying `keys` again (the longest of them); 0 when free. */
  wait(keys: string[], now?: Date): Promise<number>;
  /** Counts a failure for each key; returns the wait it now imposes. */
  fail(
    keys: string[],
    policy: { freeFailures: number; baseDelayMs: number; maxDelayMs: number },
    now?: Date,
  ): Promise<number>;
  /** Forgets the failures of `keys` (after a success). */
  clear(keys: string[]): Promise<void>;
}

export interface AuditRepository {
  record(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first, keyset pages. */
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
}

export interface SettingsRepository {
  get(): Promise<NewsroomSettings>;
  update(patch: Partial<NewsroomSettings>): Promise<NewsroomSettings>;
}

export interface CreatedPreview {
  id: string;
  /** The secret for the link (`nrp_…`), shown once; only its hash is stored. */
  secret: string;
  expiresAt: string;
}

/**
 * Preview links to an article, for people without an account (a source, a lawyer) and for the
 * desk's own Preview button. The secret is `nrp_` and 256 random bits; only its SHA-256 is
 * stored, so a copy of the database opens no preview. A link goes when its article does.
 */
export interface PreviewRepository {
  /**
   * A new link to the article until `expiresAt` (after `now`, else InvalidInputError). Throws
   * NotFoundError for an unknown article.
   */
  create(
    articleId: string,
    options: { expiresAt: Date; purpose: PreviewPurpose; actor: PreviewCreator; now?: Date },
  ): Promise<CreatedPreview>;
  /** The article a live link shows, and until when: null when unknown, expired or revoked, alike. */
  resolve(secret: string, now?: Date): Promise<{ articleId: string; expiresAt: string } | null>;
  /** Any link, live or not, by its id (never its secret); null when unknown. */
  byId(id: string): Promise<PreviewLink | null>;
  /** The article's live share links, newest first (the desk's own links are not listed). */
  list(articleId: string, now?: Date): Promise<PreviewLink[]>;
  /** True when a link that was not yet revoked is revoked now; false when unknown or already revoked. */
  revoke(id: string, now?: Date): Promise<boolean>;
  /** Forgets links that expired or were revoked before `now`; returns how many. */
  prune(now?: Date): Promise<number>;
}

/** A cleaned picture to keep: its bytes and what the image pipeline read from them. */
export interface KeptPicture {
  hash: string;
  bytes: Uint8Array;
  format: MediaFormat;
  width: number;
  height: number;
}

export interface MediaListQuery {
  /** Words looked for in alt text, caption and credit, case-insensitively. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/** An article that uses a picture, as its hero or in its body. */
export interface MediaUse {
  id: string;
  slug: string;
  headline: string;
  status: ArticleStatus;
}

/**
 * The outbox: the event of every change, written in the change's own transaction (a write that
 * rolls back leaves none), kept until pruned. Ids grow in the order events became visible.
 */
export interface EventRepository {
  /** Events after `id` (all kept ones for null), oldest first, of the given types if any. */
  after(id: string | null, query: { limit: number; types?: readonly EventType[] }): Promise<NewsroomEvent[]>;
  /** The newest event's id, or null when none is kept. */
  latestId(): Promise<string | null>;
  /** Forgets the events older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/**
 * Webhook endpoints and their deliveries: one per event and endpoint that wants its type, each
 * tried until it succeeds or its retries run out (webhookRetryAt), with every attempt kept. The
 * secret is returned by create and read back only with a claimed delivery, to sign it.
 */
export interface WebhookRepository {
  /**
   * A new endpoint and its signing secret (`whsec_…`), returned this once. InvalidInputError
   * for bad input or past limits.webhooks endpoints.
   */
  create(input: CreateWebhookInput, options?: WriteOptions): Promise<{ webhook: Webhook; secret: string }>;
  /** Every endpoint, oldest first (at most limits.webhooks). */
  list(): Promise<Webhook[]>;
  byId(id: string): Promise<Webhook | null>;
  /** NotFoundError for an unknown id. `enabled: true` re-enables, forgetting past failures. */
  update(input: UpdateWebhookInput, options?: WriteOptions): Promise<Webhook>;
  /** Deletes an endpoint with its deliveries; NotFoundError for an unknown id. */
  delete(id: string): Promise<void>;
  /**
   * Plans deliveries for up to `limit` events after the planner's place in the outbox, with the
   * story each is about as it is now, and moves the place on, in one transaction. Several
   * processes may call it at once: one plans, the others return 0 at once. Returns how many
   * events it read.
   */
  planDeliveries(options: { limit: number; now?: Date }): Promise<number>;
  /**
   * Events in the outbox not yet planned, and when the oldest of them happened: how far webhook
   * deliveries lag (metrics and the readiness check).
   */
  waitingEvents(): Promise<{ count: number; oldestAt: Date | null }>;
  /**
   * Takes up to `limit` due deliveries of enabled endpoints for this process, for `leaseMs`:
   * no other process takes them before the lease ends, after which one may (this one having
   * stopped before recording an attempt), so a delivery is sent at least once.
   */
  claimDue(options: { limit: number; leaseMs: number; now?: Date }): Promise<PlannedDelivery[]>;
  /**
   * Keeps an attempt (2xx: delivered). A failure schedules the next attempt or gives up, and
   * disables an endpoint whose every attempt has failed for webhookDisableAfterMs.
   */
  recordAttempt(deliveryId: string, attempt: WebhookAttempt): Promise<void>;
  /** Newest first, with their attempts; NotFoundError for an unknown endpoint. */
  deliveries(query: WebhookDeliveriesInput): Promise<Page<WebhookDelivery>>;
  /** Makes a delivery due now with a fresh retry schedule, whatever its status; NotFoundError if unknown. */
  redeliver(deliveryId: string, options?: WriteOptions): Promise<WebhookDelivery>;
  /** Forgets deliveries made before `before` that are done (delivered or given up), with their attempts; returns how many. */
  prune(before: Date): Promise<number>;
}

/** A delivery taken to be sent: where, with which secret, and what (its body is made from event and story). */
export interface PlannedDelivery {
  id: string;
  webhookId: string;
  url: string;
  secret: string;
  event: NewsroomEvent;
  story: WebhookStory | null;
  /** 1 for the first try. */
  attempt: number;
}

/**
 * Uploaded pictures and their variants. Pictures are known by the SHA-256 of their bytes, so
 * keeping one twice keeps it once. A picture is in use while any article's hero or body gives
 * `/media/<hash>` as an image's `src`; such a picture cannot be deleted.
 */
export interface MediaRepository {
  /** Keeps a picture, or finds the one already kept under its hash; `created` says which. */
  put(
    picture: KeptPicture,
    options: { uploadedBy: string; now?: Date; actor?: Actor },
  ): Promise<{ media: Media; created: boolean }>;
  byHash(hash: string): Promise<Media | null>;
  /** The kept picture's bytes, for making its variants. */
  original(hash: string): Promise<{ bytes: Buffer; format: MediaFormat } | null>;
  /** Newest first, then by hash, with a keyset cursor; `q` searches alt text, caption and credit. */
  list(query: MediaListQuery): Promise<Page<Media>>;
  /** Throws NotFoundError for a picture that is not kept. */
  update(hash: string, input: UpdateMediaInput, options?: WriteOptions): Promise<Media>;
  /** Articles using the picture, newest change first (at most 100). */
  usage(hash: string): Promise<MediaUse[]>;
  /** Deletes a picture and its variants; NotFoundError if not kept, MediaInUseError while used. */
  delete(hash: string, options?: WriteOptions): Promise<void>;
  /** A kept variant's bytes, or null if it has not been made yet. */
  variant(hash: string, name: string): Promise<Buffer | null>;
  /** Keeps a variant once made; a second keeper of the same variant changes nothing. */
  putVariant(
    hash: string,
    name: string,
    variant: { contentType: string; bytes: Uint8Array; now?: Date },
  ): Promise<void>;
}
