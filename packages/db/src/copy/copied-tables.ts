import { type RawBuilder, sql } from 'kysely';

/** How one content table is copied, read back and checked. */
export interface CopiedTable {
  name: string;
  /** The primary key: rows are hashed in this order, which both backends sort alike (bytes, numbers). */
  key: readonly string[];
  /** Every column written to the destination, key included, in the order they are hashed. */
  columns: readonly string[];
  /** Columns the database fills itself (generated, identity): read where useful, never written. */
  generated: readonly string[];
  /** The order rows are copied in, when not the key; a unique key, read but not written if generated. */
  copyOrder?: readonly string[];
  /** Copied in these passes, one after another, when rows of the table refer to each other. */
  copyPasses?: readonly RawBuilder<unknown>[];
  /** At most this many rows per read and per INSERT, for tables whose rows are large (pictures). */
  maxBatchRows?: number;
}

/**
 * Every table that holds a newsroom's content, parents before children so that each foreign
 * key is satisfied the moment a row is written (neither backend's keys are deferrable).
 * Written out rather than read from the schema so that a table added later, like the
 * transient rate_limits, is copied only once someone decides it should be: assertKnownSchema
 * refuses a source or destination with a table or column this list does not account for.
 */
export const copiedTables: readonly CopiedTable[] = [
  // published_count, and the links' status and listed_at, are kept by the destination's
  // triggers (migration 0005) as the articles and links arrive.
  {
    name: 'sections',
    key: ['slug'],
    columns: ['slug', 'name', 'description', 'sort_order'],
    generated: ['published_count'],
  },
  {
    name: 'tags',
    key: ['slug'],
    columns: ['slug', 'name', 'description', 'type'],
    generated: ['published_count'],
  },
  {
    name: 'authors',
    key: ['slug'],
    columns: ['slug', 'name', 'bio', 'avatar'],
    generated: ['published_count'],
  },
  {
    name: 'articles',
    key: ['id'],
    columns: [
      'id',
      'slug',
      'headline',
      'standfirst',
      'body',
      'body_text',
      'status',
      'created_at',
      'updated_at',
      'published_at',
      'scheduled_for',
      'version',
      'section_slug',
      'hero_image',
      'dateline',
      'sources',
      'corrections',
      'canonical_url',
      'seo_title',
      'seo_description',
      'language',
      'related_slugs',
      'comment_policy',
      'review_requested_at',
      'word_count',
      'reading_time_minutes',
    ],
    // seq is the destination's own (an identity on PostgreSQL, the rowid on SQLite); listed_at
    // and PostgreSQL's search vector are computed, and SQLite's FTS5 index is filled by the
    // insert trigger.
    generated: ['seq', 'listed_at', 'search'],
    // In the source's insertion order, so the destination's seq follows the same order and
    // articles written together stay together on disk.
    copyOrder: ['seq'],
  },
  {
    name: 'article_authors',
    key: ['article_id', 'position'],
    columns: ['article_id', 'position', 'author_slug'],
    generated: ['status', 'listed_at'],
  },
  {
    name: 'article_tags',
    key: ['article_id', 'position'],
    columns: ['article_id', 'position', 'tag_slug'],
    generated: ['status', 'listed_at'],
  },
  {
    name: 'comments',
    key: ['id'],
    columns: ['id', 'article_id', 'parent_id', 'display_name', 'body', 'status', 'created_at'],
    generated: [],
    // parent_id refers to comments. Threads are one level deep (a reply to a reply is filed
    // under the top-level comment), so top-level comments first, then replies, satisfies it
    // whatever the timestamps say.
    copyPasses: [sql`parent_id is null`, sql`parent_id is not null`],
  },
  {
    name: 'api_tokens',
    key: ['id'],
    // A token's expiry moves with it (or it would live for ever); its last use is history worth keeping.
    columns: [
      'id',
      'name',
      'role',
      'author_slug',
      'token_hash',
      'created_at',
      'revoked_at',
      'last_used_at',
      'expires_at',
    ],
    generated: [],
  },
  {
    name: 'article_revisions',
    key: ['id'],
    columns: [
      'id',
      'article_id',
      'version',
      'kind',
      'created_at',
      'actor_token_id',
      'actor_name',
      'snapshot',
    ],
    generated: [],
  },
  {
    name: 'slug_redirects',
    key: ['kind', 'old_slug'],
    columns: ['kind', 'old_slug', 'new_slug', 'created_at'],
    generated: [],
  },
  {
    name: 'article_imports',
    key: ['article_id'],
    columns: ['article_id', 'source_id', 'content_hash', 'imported_version', 'imported_at'],
    generated: [],
  },
  // The desk's people and what outlives a move: their passwords, second factors, passkeys,
  // the audit trail and the settings. Sessions, one-time links, challenges and sign-in
  // failures are short-lived and stay behind: after a move everyone signs in again and an
  // unused invitation is sent again.
  {
    name: 'people',
    key: ['id'],
    columns: [
      'id',
      'email',
      'name',
      'role',
      'author_slug',
      'status',
      'password_hash',
      'totp_secret',
      'totp_enabled',
      'totp_last_step',
      'created_at',
      'last_sign_in_at',
    ],
    generated: [],
  },
  {
    name: 'recovery_codes',
    key: ['person_id', 'code_hash'],
    columns: ['person_id', 'code_hash', 'used_at'],
    generated: [],
  },
  {
    name: 'passkeys',
    key: ['id'],
    columns: [
      'id',
      'person_id',
      'name',
      'credential_id',
      'public_key',
      'counter',
      'transports',
      'created_at',
      'last_used_at',
    ],
    generated: [],
  },
  {
    name: 'audit_log',
    key: ['id'],
    columns: [
      'id',
      'at',
      'actor_kind',
      'actor_id',
      'actor_name',
      'action',
      'object_type',
      'object_id',
      'address',
      'detail',
    ],
    generated: [],
  },
  {
    name: 'settings',
    key: ['id'],
    columns: ['id', 'require_second_factor_from'],
    generated: [],
  },
  {
    // A picture may be 20 MB: a few per batch keep the copy's memory small.
    name: 'media',
    key: ['hash'],
    columns: [
      'hash',
      'bytes',
      'format',
      'width',
      'height',
      'size',
      'alt',
      'caption',
      'credit',
      'focal_x',
      'focal_y',
      'uploaded_by',
      'created_at',
      'updated_at',
    ],
    generated: [],
    maxBatchRows: 4,
  },
  {
    // Endpoints move with their secret (receivers keep verifying) and their state; their
    // deliveries belong to events, which are not copied. from_event_id is the source's event
    // numbering: the destination's default (0) has each endpoint receive every event there.
    name: 'webhooks',
    key: ['id'],
    columns: [
      'id',
      'url',
      'description',
      'event_types',
      'secret',
      'enabled',
      'disabled_reason',
      'failing_since',
      'created_at',
      'updated_at',
    ],
    generated: ['from_event_id'],
  },
];

/** Rows per read and per INSERT for a table, within what the caller asked. */
export function batchRowsOf(table: CopiedTable, batchSize: number): number {
  return Math.max(1, Math.min(batchSize, table.maxBatchRows ?? batchSize));
}

/**
 * Tables that are deliberately not copied: the migrations' bookkeeping (the destination keeps
 * its own, written as it was migrated), SQLite's full-text index (rebuilt by the destination's
 * triggers) and SQLite's own tables, and rate_limits (counters of the last minute, worthless
 * on another server), the desk's short-lived sign-in state (sessions, one-time links,
 * challenges, failure counters), preview links (secrets with a lifetime of days, sent to
 * people outside the newsroom: a move is a good moment for them to lapse, as sessions do),
 * pictures' variants (made again from the picture on their first request), and the outbox's
 * events (news of changes already told to those listening; the copy starts with none) with
 * what was read of them (consumers' places, webhook deliveries and their attempts).
 */
export function isUncopiedTable(name: string): boolean {
  return (
    name === 'rate_limits' ||
    name === 'person_sessions' ||
    name === 'one_time_links' ||
    name === 'auth_challenges' ||
    name === 'sign_in_failures' ||
    name === 'article_previews' ||
    name === 'media_variants' ||
    name === 'events' ||
    name === 'webhook_deliveries' ||
    name === 'webhook_attempts' ||
    name === 'event_consumers' ||
    name.startsWith('schema_migration') ||
    name.startsWith('kysely_migration') ||
    name === 'article_search' ||
    name.startsWith('article_search_') ||
    name.startsWith('sqlite_')
  );
}
