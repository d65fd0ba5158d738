import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * People who sign in to the desk, and what their sign-in needs: recovery codes, passkeys,
 * sessions, one-time links, ceremony challenges, failed-sign-in counters, the audit trail and
 * the newsroom's settings. Secrets are stored as SHA-256 hex only; a person's rows die with them.
 */
const statements = [
  `create table people (
    id text primary key,
    email text not null unique check (email = lower(email) and length(email) between 3 and 254),
    name text not null check (length(name) between 1 and 120),
    role text not null check (role in ('admin', 'editor', 'author', 'contributor')),
    author_slug text references authors (slug) on update cascade on delete set null,
    status text not null check (status in ('invited', 'active', 'suspended')),
    password_hash text,
    totp_secret text,
    totp_enabled integer not null default 0 check (totp_enabled in (0, 1)),
    totp_last_step integer,
    created_at text not null,
    last_sign_in_at text
  ) strict`,
  'create index people_by_status_email on people (status, email)',
  `create table recovery_codes (
    person_id text not null references people (id) on delete cascade,
    code_hash text not null check (length(code_hash) = 64),
    used_at text,
    primary key (person_id, code_hash)
  ) strict, without rowid`,
  `create table passkeys (
    id text primary key,
    person_id text not null references people (id) on delete cascade,
    name text not null check (length(name) between 1 and 60),
    credential_id text not null unique,
    public_key text not null,
    counter integer not null check (counter >= 0),
    transports text not null,
    created_at text not null,
    last_used_at text
  ) strict`,
  'create index passkeys_by_person on passkeys (person_id, created_at)',
  `create table person_sessions (
    id text primary key,
    person_id text not null references people (id) on delete cascade,
    secret_hash text not null unique check (length(secret_hash) = 64),
    user_agent text not null check (length(user_agent) <= 256),
    address text not null check (length(address) <= 64),
    created_at text not null,
    last_seen_at text not null,
    expires_at text not null,
    ended_at text
  ) strict`,
  'create index person_sessions_by_person on person_sessions (person_id, last_seen_at)',
  'create index person_sessions_by_expiry on person_sessions (expires_at)',
  `create table one_time_links (
    secret_hash text primary key check (length(secret_hash) = 64),
    person_id text not null references people (id) on delete cascade,
    kind text not null check (kind in ('invitation', 'reset')),
    created_at text not null,
    expires_at text not null,
    used_at text
  ) strict, without rowid`,
  'create index one_time_links_by_person on one_time_links (person_id, kind)',
  `create table auth_challenges (
    secret_hash text primary key check (length(secret_hash) = 64),
    kind text not null check (kind in ('second-factor', 'passkey-registration', 'passkey-sign-in')),
    person_id text references people (id) on delete cascade,
    value text not null,
    expires_at text not null
  ) strict, without rowid`,
  'create index auth_challenges_by_expiry on auth_challenges (expires_at)',
  `create table sign_in_failures (
    key text primary key,
    failures integer not null check (failures >= 1),
    next_allowed_at text not null,
    updated_at text not null
  ) strict, without rowid`,
  `create table audit_log (
    id text primary key,
    at text not null,
    actor_kind text not null check (actor_kind in ('person', 'token', 'system')),
    actor_id text,
    actor_name text not null,
    action text not null check (length(action) between 1 and 60),
    object_type text,
    object_id text,
    address text,
    detail text not null
  ) strict`,
  'create index audit_log_by_time on audit_log (at, id)',
  'create index audit_log_by_actor on audit_log (actor_id, at, id)',
  'create index audit_log_by_object on audit_log (object_type, object_id, at, id)',
  'create index audit_log_by_action on audit_log (action, at, id)',
  `create table settings (
    id integer primary key check (id = 1),
    require_second_factor_from text check (require_second_factor_from in ('admin', 'editor', 'author', 'contributor'))
  ) strict`,
];

export const people: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};
