import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Uploaded pictures, kept in the database so that every API instance sees every picture without
 * a shared disk. A picture is named by the SHA-256 of its cleaned bytes, so one uploaded twice is
 * kept once. Its variants (sizes and formats for the reader site) are made on first request and
 * kept beside it; they go with it, and can always be made again. The focal point is kept in
 * thousandths of the width and height.
 */
const statements = [
  `create table media (
    hash text primary key check (length(hash) = 64),
    bytes blob not null,
    format text not null check (format in ('jpeg', 'png', 'webp', 'avif')),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    size integer not null check (size > 0),
    alt text not null default '' check (length(alt) <= 500),
    caption text check (length(caption) <= 1000),
    credit text check (length(credit) <= 200),
    focal_x integer not null default 500 check (focal_x between 0 and 1000),
    focal_y integer not null default 500 check (focal_y between 0 and 1000),
    uploaded_by text not null check (length(uploaded_by) between 1 and 100),
    created_at text not null,
    updated_at text not null
  ) strict`,
  'create index media_by_creation on media (created_at, hash)',
  `create table media_variants (
    hash text not null references media (hash) on delete cascade,
    name text not null check (length(name) between 1 and 20),
    content_type text not null,
    bytes blob not null,
    created_at text not null,
    primary key (hash, name)
  ) strict`,
];

export const media: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
