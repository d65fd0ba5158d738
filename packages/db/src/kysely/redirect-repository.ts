import type { Kysely } from 'kysely';
import { InvalidInputError } from '../errors.js';
import type { RedirectKind, RedirectRepository } from '../store.js';
import type { Database } from './database.js';

/**
 * Old slugs of renamed articles, tags, sections and authors. The table never holds a chain
 * written by this code: a rename also repoints every redirect that led to the old slug, and
 * a slug that becomes current again (a new item takes it, or a rename goes back to it) stops
 * redirecting, since the live item wins. lookup still follows chains, with a bound, so rows
 * from elsewhere (an import, a later migration) cannot make it loop.
 */

const tableOf = { article: 'articles', tag: 'tags', section: 'sections', author: 'authors' } as const;

/** The most renames lookup follows before it gives up. */
export const maxRedirectHops = 10;

/** These slugs are current now: whatever they redirected to, they stop redirecting. */
export async function claimSlugs(db: Kysely<Database>, kind: RedirectKind, slugs: readonly string[]) {
  if (slugs.length === 0) return;
  await db.deleteFrom('slug_redirects').where('kind', '=', kind).where('old_slug', 'in', slugs).execute();
}

/** `oldSlug` was renamed to `newSlug`; call inside the transaction that renames it. */
export async function recordRedirect(
  db: Kysely<Database>,
  kind: RedirectKind,
  oldSlug: string,
  newSlug: string,
  at: string,
): Promise<void> {
  if (oldSlug === newSlug) return;
  // In this order: a redirect newSlug → oldSlug (a rename being undone) goes first, so the
  // repointing below cannot turn it into newSlug → newSlug.
  await claimSlugs(db, kind, [newSlug]);
  await db
    .updateTable('slug_redirects')
    .set({ new_slug: newSlug })
    .where('kind', '=', kind)
    .where('new_slug', '=', oldSlug)
    .execute();
  await db
    .insertInto('slug_redirects')
    .values({ kind, old_slug: oldSlug, new_slug: newSlug, created_at: at })
    .onConflict((oc) => oc.columns(['kind', 'old_slug']).doUpdateSet({ new_slug: newSlug, created_at: at }))
    .execute();
}

/** The item with this slug is gone: redirects must not lead to it. */
export async function forgetRedirectsTo(db: Kysely<Database>, kind: RedirectKind, slug: string) {
  await db.deleteFrom('slug_redirects').where('kind', '=', kind).where('new_slug', '=', slug).execute();
}

/** Where `slug` leads now: the current slug of a live item, or null. */
export async function lookupRedirect(
  db: Kysely<Database>,
  kind: RedirectKind,
  slug: string,
): Promise<string | null> {
  if (!Object.hasOwn(tableOf, kind)) throw new InvalidInputError(`unknown redirect kind "${kind}"`);
  const seen = new Set([slug]);
  let current = slug;
  for (let hop = 0; hop < maxRedirectHops; hop++) {
    const row = await db
      .selectFrom('slug_redirects')
      .select('new_slug')
      .where('kind', '=', kind)
      .where('old_slug', '=', current)
      .executeTakeFirst();
    if (!row) break;
    if (seen.has(row.new_slug)) return null;
    seen.add(row.new_slug);
    current = row.new_slug;
  }
  if (current === slug) return null;
  return (await isLive(db, kind, current)) ? current : null;
}

async function isLive(db: Kysely<Database>, kind: RedirectKind, slug: string): Promise<boolean> {
  const row = await db.selectFrom(tableOf[kind]).select('slug').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

export function createRedirectRepository(db: Kysely<Database>): RedirectRepository {
  return {
    lookup: (kind, slug) => lookupRedirect(db, kind, slug),
  };
}
