import type {
  ArticleStatus,
  CommentPolicy,
  CommentStatus,
  MediaFormat,
  PersonStatus,
  PreviewPurpose,
  RevisionKind,
  Role,
  TagType,
} from '@newsroom/domain';
import type { Generated, GeneratedAlways } from 'kysely';

/**
 * The tables as Kysely sees them. Column types are what every backend stores and returns:
 * timestamps as ISO-8601 UTC text, structured values (body, hero image, sources,
 * corrections, related picks, revision snapshots) as JSON text, so one set of queries serves SQLite and, later, PostgreSQL.
 */
export interface Database {
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  sections: SectionsTable;
  tags: TagsTable;
  authors: AuthorsTable;
  comments: CommentsTable;
  api_tokens: ApiTokensTable;
  article_revisions: ArticleRevisionsTable;
  slug_redirects: SlugRedirectsTable;
  article_imports: ArticleImportsTable;
  rate_limits: RateLimitsTable;
  people: PeopleTable;
  recovery_codes: RecoveryCodesTable;
  passkeys: PasskeysTable;
  person_sessions: PersonSessionsTable;
  one_time_links: OneTimeLinksTable;
  auth_challenges: AuthChallengesTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  article_previews: ArticlePreviewsTable;
  media: MediaTable;
  media_variants: MediaVariantsTable;
  events: EventsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  event_consumers: EventConsumersTable;
}

export interface ArticlesTable {
  /** An integer key that never changes, for the full-text index to point at. */
  seq: Generated<number>;
  id: string;
  slug: string;
  headline: string;
  standfirst: string | null;
  /** Block[] as JSON. */
  body: string;
  /** The body's readable words, for full-text search; derived on every write. */
  body_text: string;
  status: ArticleStatus;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  scheduled_for: string | null;
  /** published_at ?? created_at, computed by the database: the list order. */
  listed_at: GeneratedAlways<string>;
  version: number;
  section_slug: string | null;
  /** Image as JSON, or null. */
  hero_image: string | null;
  dateline: string | null;
  /** SourceCredit[] as JSON. */
  sources: string;
  /** Correction[] as JSON. */
  corrections: string;
  canonical_url: string | null;
  seo_title: string | null;
  seo_description: string | null;
  language: string;
  /** Slug[] as JSON: the editor's related picks, in order. */
  related_slugs: string;
  comment_policy: CommentPolicy;
  review_requested_at: string | null;
  word_count: number;
  reading_time_minutes: number;
}

export interface ArticleAuthorsTable {
  article_id: string;
  /** Byline order, from 0. */
  position: number;
  author_slug: string;
  /** The article's, kept by triggers (migration 0005) so an author's stories list off an index. */
  status: Generated<ArticleStatus>;
  listed_at: Generated<string>;
}

export interface ArticleTagsTable {
  article_id: string;
  /** From 0; position 0 is the primary tag. */
  position: number;
  tag_slug: string;
  /** The article's, kept by triggers (migration 0005) so a tag's stories list off an index. */
  status: Generated<ArticleStatus>;
  listed_at: Generated<string>;
}

export interface SectionsTable {
  slug: string;
  name: string;
  description: string | null;
  /** The domain's `order`, renamed because ORDER is a keyword. */
  sort_order: number;
  /** Published articles that carry it, kept by triggers (migration 0005). */
  published_count: Generated<number>;
}

export interface TagsTable {
  slug: string;
  name: string;
  description: string | null;
  type: TagType;
  /** Published articles that carry it, kept by triggers (migration 0005). */
  published_count: Generated<number>;
}

export interface AuthorsTable {
  slug: string;
  name: string;
  bio: string | null;
  avatar: string | null;
  /** Published articles that carry it, kept by triggers (migration 0005). */
  published_count: Generated<number>;
}

export interface CommentsTable {
  id: string;
  article_id: string;
  parent_id: string | null;
  display_name: string;
  body: string;
  status: CommentStatus;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: Role;
  author_slug: string | null;
  /** SHA-256 of the token, hex; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  /** Marked at most once a minute (migration 0009). */
  last_used_at: string | null;
  /** After this the token no longer resolves; null: until revoked (migration 0009). */
  expires_at: string | null;
}

export interface ArticleRevisionsTable {
  id: string;
  article_id: string;
  /** The article's version after this change; unique per article. */
  version: number;
  kind: RevisionKind;
  created_at: string;
  actor_token_id: string | null;
  actor_name: string;
  /** The whole Article after the change, as JSON. */
  snapshot: string;
}

export interface SlugRedirectsTable {
  kind: 'article' | 'tag' | 'section' | 'author';
  old_slug: string;
  /** Always a slug that was current when written: renames rewrite older redirects. */
  new_slug: string;
  created_at: string;
}

export interface ArticleImportsTable {
  article_id: string;
  /** The copy's own identity (feed guid, Atom id, front-matter id); unique when set. */
  source_id: string | null;
  /** SHA-256 (hex) of the copy's normalized text, as ingest computes it. */
  content_hash: string;
  /** The article's version after the import wrote it; a higher stored version is an edit. */
  imported_version: number;
  imported_at: string;
}

export interface RateLimitsTable {
  /** Which limit and which client, e.g. `writes:address:203.0.113.9`. */
  key: string;
  /** Hits counted in the current window. */
  hits: number;
  window_ends_at: string;
}

export interface PeopleTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: Role;
  author_slug: string | null;
  status: PersonStatus;
  /** The password hash with its own parameters inside; null until a password is set. */
  password_hash: string | null;
  /** The TOTP key (base32); unconfirmed while totp_enabled is 0. */
  totp_secret: string | null;
  totp_enabled: number;
  /** The last TOTP time step used, so a code is not accepted twice. */
  totp_last_step: number | string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export interface RecoveryCodesTable {
  person_id: string;
  /** SHA-256 hex of the code. */
  code_hash: string;
  used_at: string | null;
}

export interface PasskeysTable {
  id: string;
  person_id: string;
  name: string;
  /** base64url, as WebAuthn names it; unique. */
  credential_id: string;
  public_key: string;
  /** A bigint on PostgreSQL (the counter is 32-bit unsigned), so it may read as text. */
  counter: number | string;
  /** string[] as JSON. */
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

export interface PersonSessionsTable {
  id: string;
  person_id: string;
  /** SHA-256 hex of the secret the browser holds. */
  secret_hash: string;
  user_agent: string;
  address: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface OneTimeLinksTable {
  secret_hash: string;
  person_id: string;
  kind: 'invitation' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthChallengesTable {
  secret_hash: string;
  kind: 'second-factor' | 'passkey-registration' | 'passkey-sign-in';
  person_id: string | null;
  value: string;
  expires_at: string;
}

export interface SignInFailuresTable {
  /** `email:<email>` or `address:<ip>`. */
  key: string;
  failures: number;
  next_allowed_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_kind: 'person' | 'token' | 'system';
  actor_id: string | null;
  actor_name: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  address: string | null;
  /** The detail record as JSON. */
  detail: string;
}

export interface SettingsTable {
  /** Always 1: one row. */
  id: number;
  require_second_factor_from: Role | null;
}

export interface ArticlePreviewsTable {
  id: string;
  article_id: string;
  /** SHA-256 hex of the secret in the link. */
  secret_hash: string;
  purpose: PreviewPurpose;
  /** Null for a link made with an API token, or once the person is gone. */
  created_by_person_id: string | null;
  created_by_name: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface MediaTable {
  /** SHA-256 hex of `bytes`. */
  hash: string;
  bytes: Uint8Array;
  format: MediaFormat;
  width: number;
  height: number;
  size: number;
  alt: Generated<string>;
  caption: string | null;
  credit: string | null;
  /** Thousandths of the width and height. */
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  uploaded_by: string;
  created_at: string;
  updated_at: string;
}

export interface MediaVariantsTable {
  hash: string;
  /** The variant's file name at its address: `640.webp`, `card.jpg`. */
  name: string;
  content_type: string;
  bytes: Uint8Array;
  created_at: string;
}

export interface EventsTable {
  /** Orders all events; PostgreSQL's bigint comes back as text. */
  id: GeneratedAlways<number | string>;
  type: string;
  at: string;
  /** The rest of the event (actor, subject, cache keys) as JSON. */
  data: string;
}

export interface WebhooksTable {
  id: string;
  url: string;
  description: Generated<string>;
  /** The event types it wants, as a JSON array. */
  event_types: string;
  /** `whsec_…`: signs every delivery, so it is kept as is (never read back by admins). */
  secret: string;
  /** 1 or 0. */
  enabled: Generated<number>;
  disabled_reason: string | null;
  failing_since: string | null;
  /** The newest event when it was made: it receives only later ones. */
  from_event_id: Generated<number | string>;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  /** A UUID: the `webhook-id` header of every attempt. */
  id: string;
  webhook_id: string;
  event_id: number | string;
  event_type: string;
  /** `{ event, story }` as JSON: the body is made from it at each attempt. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  failed_attempts: Generated<number>;
  /** When it is due (or, while one process sends it, when that process's claim runs out). */
  next_attempt_at: string | null;
  created_at: string;
}

export interface WebhookAttemptsTable {
  id: GeneratedAlways<number | string>;
  delivery_id: string;
  at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response: string;
}

export interface EventConsumersTable {
  name: string;
  /** The last event this consumer has handled. */
  last_event_id: number | string;
}
