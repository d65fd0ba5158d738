import {
  type Author,
  AuthorSchema,
  type Section,
  SectionSchema,
  systemActor,
  type Tag,
  TagSchema,
  type TaxonomyEvent,
  taxonomyCacheKeys,
} from '@newsroom/domain';
import { type Kysely, sql } from 'kysely';
import { InvalidInputError, NotFoundError, SlugTakenError } from '../errors.js';
import type { Counted, RedirectKind, TagRepository, TaxonomyRepository, WriteOptions } from '../store.js';
import type { Database } from './database.js';
import { eventActorOf, type Outbox } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { claimSlugs, forgetRedirectsTo, recordRedirect } from './redirect-repository.js';

/*
 * Sections, tags and authors: small tables keyed by slug. Articles point at them by slug, so
 * a name change shows everywhere at once, and a slug change moves every reference inside the
 * same transaction (a new row, references moved, the old row deleted: portable, and the
 * foreign keys hold at every step) and leaves a redirect from the old slug.
 */

/** What differs between the three: the table's columns and what refers to it. */
interface TaxonomyTable<T extends { slug: string }> {
  kind: Exclude<RedirectKind, 'article'>;
  /** Rows with their counts of published articles, in list order (all, or the one slug). */
  select(db: Kysely<Database>, slug?: string): Promise<Counted<T>[]>;
  exists(db: Kysely<Database>, slug: string): Promise<boolean>;
  /** Inserts, or replaces everything but the slug. */
  upsert(db: Kysely<Database>, item: T): Promise<void>;
  insert(db: Kysely<Database>, item: T): Promise<void>;
  remove(db: Kysely<Database>, slug: string): Promise<void>;
  moveReferences(db: Kysely<Database>, from: string, to: string): Promise<void>;
  /** Like moveReferences, into an item that exists and may already be on the same articles. */
  mergeReferences(db: Kysely<Database>, from: string, into: string): Promise<void>;
  removeReferences(db: Kysely<Database>, slug: string): Promise<void>;
  parse(item: unknown): T;
}

function taxonomyRepository<T extends { slug: string }>(
  db: Kysely<Database>,
  outbox: Outbox,
  table: TaxonomyTable<T>,
): TaxonomyRepository<T> {
  const label = table.kind;
  /** The change's event, the last thing its transaction writes. */
  const changed = (
    trx: Kysely<Database>,
    change: TaxonomyEvent['change'],
    slug: string,
    options: WriteOptions = {},
    related: { previousSlug?: string; mergedInto?: string } = {},
  ) =>
    outbox.record(
      trx,
      {
        type: `${table.kind}.changed`,
        actor: eventActorOf(options.actor ?? systemActor),
        cacheKeys: taxonomyCacheKeys(
          table.kind,
          [slug, related.previousSlug, related.mergedInto].filter((each) => each !== undefined),
        ),
        change,
        slug,
        previousSlug: related.previousSlug ?? null,
        mergedInto: related.mergedInto ?? null,
      },
      isoUtc(options.now ?? new Date()),
    );
  return {
    list: () => table.select(db),
    async bySlug(slug) {
      return (await table.select(db, slug))[0] ?? null;
    },
    async upsert(raw, options) {
      const item = table.parse(raw);
      await db.transaction().execute(async (trx) => {
        const existed = await table.exists(trx, item.slug);
        await table.upsert(trx, item);
        await claimSlugs(trx, table.kind, [item.slug]);
        await changed(trx, existed ? 'updated' : 'created', item.slug, options);
      });
      return item;
    },
    async create(raw, options) {
      const item = table.parse(raw);
      await db.transaction().execute(async (trx) => {
        if (await table.exists(trx, item.slug)) throw new SlugTakenError(item.slug);
        await table.insert(trx, item);
        await claimSlugs(trx, table.kind, [item.slug]);
        await changed(trx, 'created', item.slug, options);
      });
      return item;
    },
    async update(slug, patch, options) {
      return db.transaction().execute(async (trx) => {
        const [current] = await table.select(trx, slug);
        if (!current) throw new NotFoundError(`no ${label} has the slug "${slug}"`);
        const { articleCount: _count, ...fields } = current;
        const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
        const next = table.parse({ ...fields, ...given });
        if (next.slug === slug) {
          await table.upsert(trx, next);
          await changed(trx, 'updated', slug, options);
          return next;
        }
        if (await table.exists(trx, next.slug)) throw new SlugTakenError(next.slug);
        await table.insert(trx, next);
        await table.moveReferences(trx, slug, next.slug);
        await table.remove(trx, slug);
        await recordRedirect(trx, table.kind, slug, next.slug, isoUtc(new Date()));
        await changed(trx, 'updated', next.slug, options, { previousSlug: slug });
        return next;
      });
    },
    async delete(slug, options) {
      await db.transaction().execute(async (trx) => {
        if (!(await table.exists(trx, slug))) throw new NotFoundError(`no ${label} has the slug "${slug}"`);
        await table.removeReferences(trx, slug);
        await forgetRedirectsTo(trx, table.kind, slug);
        await table.remove(trx, slug);
        await changed(trx, 'deleted', slug, options);
      });
    },
    async merge(from, into, options) {
      if (from === into) throw new InvalidInputError(`cannot merge ${label} "${from}" into itself`);
      return db.transaction().execute(async (trx) => {
        for (const slug of [from, into]) {
          if (!(await table.exists(trx, slug))) throw new NotFoundError(`no ${label} has the slug "${slug}"`);
        }
        await table.mergeReferences(trx, from, into);
        await table.remove(trx, from);
        await recordRedirect(trx, table.kind, from, into, isoUtc(new Date()));
        const [merged] = await table.select(trx, into);
        if (!merged) throw new NotFoundError(`no ${label} has the slug "${into}"`);
        await changed(trx, 'merged', from, options, { mergedInto: into });
        return merged;
      });
    },
  };
}

/**
 * Moves an ordered list of an article's tags or authors from `from` to `into`, never naming one
 * twice: an article with both keeps `into` at the earlier of the two positions, so a merged
 * primary tag or lead byline stays first. Positions keep their gaps; order is what counts.
 */
async function mergeArticleLinks(
  db: Kysely<Database>,
  table: 'article_tags' | 'article_authors',
  column: 'tag_slug' | 'author_slug',
  from: string,
  into: string,
): Promise<void> {
  const links = sql.table(table);
  const slug = sql.ref(column);
  const otherSlug = sql.ref(`other.${column}`);
  const article = sql.ref(`${table}.article_id`);
  const position = sql.ref(`${table}.position`);
  // `into` where `from` comes before it on the same article, then `from` where `into` is there.
  await sql`delete from ${links} where ${slug} = ${into} and exists (
    select 1 from ${links} as other
    where other.article_id = ${article} and ${otherSlug} = ${from} and other.position < ${position}
  )`.execute(db);
  await sql`delete from ${links} where ${slug} = ${from} and exists (
    select 1 from ${links} as other where other.article_id = ${article} and ${otherSlug} = ${into}
  )`.execute(db);
  await sql`update ${links} set ${slug} = ${into} where ${slug} = ${from}`.execute(db);
}

/** A count as a number, whatever the driver returns for it. */
function countOf(value: number | bigint | string | null | undefined): number {
  return Number(value ?? 0);
}

export function createSectionRepository(db: Kysely<Database>, outbox: Outbox): TaxonomyRepository<Section> {
  return taxonomyRepository<Section>(db, outbox, {
    kind: 'section',
    parse: (item) => SectionSchema.parse(item),
    async select(db, slug) {
      let query = db
        .selectFrom('sections')
        .select(['slug', 'name', 'description', 'sort_order', 'published_count']);
      if (slug !== undefined) query = query.where('slug', '=', slug);
      const rows = await query.orderBy('sort_order').orderBy('name').execute();
      return rows.map((row) => ({
        slug: row.slug,
        name: row.name,
        description: row.description,
        order: row.sort_order,
        articleCount: countOf(row.published_count),
      }));
    },
    exists: (db, slug) => exists(db, 'sections', slug),
    async upsert(db, section) {
      const row = { name: section.name, description: section.description, sort_order: section.order };
      await db
        .insertInto('sections')
        .values({ slug: section.slug, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(row))
        .execute();
    },
    async insert(db, section) {
      await db
        .insertInto('sections')
        .values({
          slug: section.slug,
          name: section.name,
          description: section.description,
          sort_order: section.order,
        })
        .execute();
    },
    async remove(db, slug) {
      await db.deleteFrom('sections').where('slug', '=', slug).execute();
    },
    async moveReferences(db, from, to) {
      await db.updateTable('articles').set({ section_slug: to }).where('section_slug', '=', from).execute();
    },
    async mergeReferences(db, from, into) {
      await db.updateTable('articles').set({ section_slug: into }).where('section_slug', '=', from).execute();
    },
    async removeReferences(db, slug) {
      await db.updateTable('articles').set({ section_slug: null }).where('section_slug', '=', slug).execute();
    },
  });
}

const tagTable: TaxonomyTable<Tag> = {
  kind: 'tag',
  parse: (item) => TagSchema.parse(item),
  async select(db, slug) {
    let query = db.selectFrom('tags').select(['slug', 'name', 'description', 'type', 'published_count']);
    if (slug !== undefined) query = query.where('slug', '=', slug);
    const rows = await query.orderBy('name').orderBy('slug').execute();
    return rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      description: row.description,
      type: row.type,
      articleCount: countOf(row.published_count),
    }));
  },
  exists: (db, slug) => exists(db, 'tags', slug),
  async upsert(db, tag) {
    const row = { name: tag.name, description: tag.description, type: tag.type };
    await db
      .insertInto('tags')
      .values({ slug: tag.slug, ...row })
      .onConflict((oc) => oc.column('slug').doUpdateSet(row))
      .execute();
  },
  async insert(db, tag) {
    await db
      .insertInto('tags')
      .values({ slug: tag.slug, name: tag.name, description: tag.description, type: tag.type })
      .execute();
  },
  async remove(db, slug) {
    await db.deleteFrom('tags').where('slug', '=', slug).execute();
  },
  async moveReferences(db, from, to) {
    await db.updateTable('article_tags').set({ tag_slug: to }).where('tag_slug', '=', from).execute();
  },
  mergeReferences: (db, from, into) => mergeArticleLinks(db, 'article_tags', 'tag_slug', from, into),
  async removeReferences(db, slug) {
    // Positions keep their gaps; order is all that matters, and the first tag is the primary one.
    await db.deleteFrom('article_tags').where('tag_slug', '=', slug).execute();
  },
};

export function createTagRepository(db: Kysely<Database>, outbox: Outbox): TagRepository {
  return taxonomyRepository(db, outbox, tagTable);
}

export function createAuthorRepository(db: Kysely<Database>, outbox: Outbox): TaxonomyRepository<Author> {
  return taxonomyRepository<Author>(db, outbox, {
    kind: 'author',
    parse: (item) => AuthorSchema.parse(item),
    async select(db, slug) {
      let query = db.selectFrom('authors').select(['slug', 'name', 'bio', 'avatar', 'published_count']);
      if (slug !== undefined) query = query.where('slug', '=', slug);
      const rows = await query.orderBy('name').orderBy('slug').execute();
      return rows.map((row) => ({
        slug: row.slug,
        name: row.name,
        bio: row.bio,
        avatar: row.avatar,
        articleCount: countOf(row.published_count),
      }));
    },
    exists: (db, slug) => exists(db, 'authors', slug),
    async upsert(db, author) {
      const row = { name: author.name, bio: author.bio, avatar: author.avatar };
      await db
        .insertInto('authors')
        .values({ slug: author.slug, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(row))
        .execute();
    },
    async insert(db, author) {
      await db
        .insertInto('authors')
        .values({ slug: author.slug, name: author.name, bio: author.bio, avatar: author.avatar })
        .execute();
    },
    async remove(db, slug) {
      await db.deleteFrom('authors').where('slug', '=', slug).execute();
    },
    async moveReferences(db, from, to) {
      await db
        .updateTable('article_authors')
        .set({ author_slug: to })
        .where('author_slug', '=', from)
        .execute();
      await moveAuthorOwners(db, from, to);
    },
    async mergeReferences(db, from, into) {
      await mergeArticleLinks(db, 'article_authors', 'author_slug', from, into);
      await moveAuthorOwners(db, from, into);
    },
    async removeReferences(db, slug) {
      await db.deleteFrom('article_authors').where('author_slug', '=', slug).execute();
      // Tokens stay valid but speak for no author any more (revoke them to end their access).
      await db.updateTable('api_tokens').set({ author_slug: null }).where('author_slug', '=', slug).execute();
    },
  });
}

async function exists(
  db: Kysely<Database>,
  table: 'sections' | 'tags' | 'authors',
  slug: string,
): Promise<boolean> {
  const row = await db.selectFrom(table).select('slug').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

/**
 * API tokens and people who write as an author follow it to its new slug. The people table's
 * ON UPDATE CASCADE does not see a move (a new row, then the old one deleted): without this,
 * its ON DELETE SET NULL would take their byline away.
 */
async function moveAuthorOwners(db: Kysely<Database>, from: string, to: string): Promise<void> {
  await db.updateTable('api_tokens').set({ author_slug: to }).where('author_slug', '=', from).execute();
  await db.updateTable('people').set({ author_slug: to }).where('author_slug', '=', from).execute();
}
