import {
  type Author,
  AuthorSchema,
  type Section,
  SectionSchema,
  type Tag,
  TagSchema,
} from '@newsroom/domain';
import type { Kysely } from 'kysely';
import type { TaxonomyRepository } from '../store.js';
import type { Database } from './database.js';

/*
 * Sections, tags and authors: small tables keyed by slug. Upserts replace everything but the
 * slug, so articles that point at the slug follow the new name at once.
 */

export function createSectionRepository(db: Kysely<Database>): TaxonomyRepository<Section> {
  const sectionOf = (row: {
    slug: string;
    name: string;
    description: string | null;
    sort_order: number;
  }) => ({
    slug: row.slug,
    name: row.name,
    description: row.description,
    order: row.sort_order,
  });
  return {
    async list() {
      const rows = await db
        .selectFrom('sections')
        .selectAll()
        .orderBy('sort_order')
        .orderBy('name')
        .execute();
      return rows.map(sectionOf);
    },
    async bySlug(slug) {
      const row = await db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? sectionOf(row) : null;
    },
    async upsert(item) {
      const section = SectionSchema.parse(item);
      const row = { name: section.name, description: section.description, sort_order: section.order };
      await db
        .insertInto('sections')
        .values({ slug: section.slug, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(row))
        .execute();
      return section;
    },
  };
}

export function createTagRepository(db: Kysely<Database>): TaxonomyRepository<Tag> {
  return {
    async list() {
      const rows = await db
        .selectFrom('tags')
        .select(['slug', 'name', 'description', 'type'])
        .orderBy('name')
        .execute();
      return rows.map(plain);
    },
    async bySlug(slug) {
      const row = await db
        .selectFrom('tags')
        .select(['slug', 'name', 'description', 'type'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ? plain(row) : null;
    },
    async upsert(item) {
      const tag = TagSchema.parse(item);
      const row = { name: tag.name, description: tag.description, type: tag.type };
      await db
        .insertInto('tags')
        .values({ slug: tag.slug, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(row))
        .execute();
      return tag;
    },
  };
}

export function createAuthorRepository(db: Kysely<Database>): TaxonomyRepository<Author> {
  return {
    async list() {
      const rows = await db
        .selectFrom('authors')
        .select(['slug', 'name', 'bio', 'avatar'])
        .orderBy('name')
        .execute();
      return rows.map(plain);
    },
    async bySlug(slug) {
      const row = await db
        .selectFrom('authors')
        .select(['slug', 'name', 'bio', 'avatar'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ? plain(row) : null;
    },
    async upsert(item) {
      const author = AuthorSchema.parse(item);
      const row = { name: author.name, bio: author.bio, avatar: author.avatar };
      await db
        .insertInto('authors')
        .values({ slug: author.slug, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet(row))
        .execute();
      return author;
    },
  };
}

/** Drivers may hand back rows without Object.prototype (node:sqlite does); callers get plain objects. */
function plain<T extends object>(row: T): T {
  return { ...row };
}
