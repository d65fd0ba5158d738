import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * SQLite's 0010 for PostgreSQL (text collated "C", as everywhere; bytes in `bytea`). Uploaded
 * pictures, kept in the database so that every API instance sees every picture without a
 * shared disk, named by the SHA-256 of their cleaned bytes; their variants are made on first
 * request and kept beside them. The focal point is kept in thousandths of width and height.
 */
const text = 'text collate "C"';

const statements = [
  `create table media (
    hash ${text} primary key check (length(hash) = 64),
    bytes bytea not null,
    format ${text} not null check (format in ('jpeg', 'png', 'webp', 'avif')),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    size integer not null check (size > 0),
    alt ${text} not null default '' check (length(alt) <= 500),
    caption ${text} check (length(caption) <= 1000),
    credit ${text} check (length(credit) <= 200),
    focal_x integer not null default 500 check (focal_x between 0 and 1000),
    focal_y integer not null default 500 check (focal_y between 0 and 1000),
    uploaded_by ${text} not null check (length(uploaded_by) between 1 and 100),
    created_at ${text} not null,
    updated_at ${text} not null
  )`,
  'create index media_by_creation on media (created_at, hash)',
  `create table media_variants (
    hash ${text} not null references media (hash) on delete cascade,
    name ${text} not null check (length(name) between 1 and 20),
    content_type ${text} not null,
    bytes bytea not null,
    created_at ${text} not null,
    primary key (hash, name)
  )`,
];

export const media: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
