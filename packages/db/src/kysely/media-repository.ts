import { createHash } from 'node:crypto';
import {
  type Actor,
  cacheKey,
  decodeTupleCursor,
  encodeTupleCursor,
  limits,
  type Media,
  type MediaEvent,
  MediaHashSchema,
  mediaPath,
  systemActor,
  UpdateMediaInputSchema,
} from '@newsroom/domain';
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import { InvalidInputError, MediaInUseError, NotFoundError } from '../errors.js';
import type { MediaRepository } from '../store.js';
import type { Database, MediaTable } from './database.js';
import { eventActorOf, type Outbox } from './event-outbox.js';
import { isoUtc } from './iso-time.js';
import { pageLimitOf } from './page-limit.js';

/** Every column but the bytes: lists and lookups never load a picture. */
const described = [
  'hash',
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
] as const;

const maxUses = 100;

export function createMediaRepository(db: Kysely<Database>, outbox: Outbox): MediaRepository {
  /** The change's event, the last thing its transaction writes. */
  const changed = (
    trx: Kysely<Database>,
    type: MediaEvent['type'],
    hash: string,
    at: string,
    actor: Actor = systemActor,
  ) =>
    outbox.record(
      trx,
      { type, actor: eventActorOf(actor), cacheKeys: [cacheKey.media(hash)], media: { hash } },
      at,
    );
  const byHash = async (hash: string) => {
    if (!MediaHashSchema.safeParse(hash).success) return null;
    const row = await db.selectFrom('media').select(described).where('hash', '=', hash).executeTakeFirst();
    return row ? mediaOf(row) : null;
  };

  return {
    async put(picture, { uploadedBy, now = new Date(), actor }) {
      // The hash is the picture's name everywhere: a wrong one would serve other bytes under it.
      if (createHash('sha256').update(picture.bytes).digest('hex') !== picture.hash) {
        throw new InvalidInputError('a picture must be kept under the SHA-256 of its bytes');
      }
      const at = isoUtc(now);
      const created = await db.transaction().execute(async (trx) => {
        const result = await trx
          .insertInto('media')
          .values({
            hash: picture.hash,
            bytes: picture.bytes,
            format: picture.format,
            width: picture.width,
            height: picture.height,
            size: picture.bytes.byteLength,
            uploaded_by: uploadedBy.slice(0, limits.tokenName),
            created_at: at,
            updated_at: at,
          })
          .onConflict((conflict) => conflict.column('hash').doNothing())
          .executeTakeFirst();
        const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
        if (inserted)
          await changed(
            trx,
            'media.uploaded',
            picture.hash,
            at,
            actor ?? { tokenId: null, name: uploadedBy },
          );
        return inserted;
      });
      const media = await byHash(picture.hash);
      if (!media) throw new NotFoundError(`The picture ${picture.hash} was deleted while it was kept`);
      return { media, created };
    },

    byHash,

    async original(hash) {
      if (!MediaHashSchema.safeParse(hash).success) return null;
      const row = await db
        .selectFrom('media')
        .select(['bytes', 'format'])
        .where('hash', '=', hash)
        .executeTakeFirst();
      return row ? { bytes: asBuffer(row.bytes), format: row.format } : null;
    },

    async list(query) {
      const limit = pageLimitOf(query.limit);
      let select = db.selectFrom('media').select(described);
      if (query.cursor) {
        const [createdAt, hash] = decodeTupleCursor(query.cursor, 2) ?? [];
        if (typeof createdAt !== 'string' || !MediaHashSchema.safeParse(hash).success) {
          throw new InvalidInputError('cursor is not valid; use nextCursor from a previous page');
        }
        select = select.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('hash', '<', hash as string)]),
          ]),
        );
      }
      const words = query.q?.trim().slice(0, limits.searchQuery);
      if (words) {
        const pattern = `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const like = (column: 'alt' | 'caption' | 'credit') =>
          sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
        select = select.where((eb) => eb.or([like('alt'), like('caption'), like('credit')]));
      }
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('hash', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(mediaOf),
        nextCursor: rows.length > limit && last ? encodeTupleCursor([last.created_at, last.hash]) : null,
      };
    },

    async update(hash, input, { now = new Date(), actor } = {}) {
      const fields = UpdateMediaInputSchema.parse(input);
      const at = isoUtc(now);
      const found = await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('media')
          .set({
            ...(fields.alt !== undefined && { alt: fields.alt }),
            ...(fields.caption !== undefined && { caption: fields.caption || null }),
            ...(fields.credit !== undefined && { credit: fields.credit || null }),
            ...(fields.focal && {
              focal_x: Math.round(fields.focal.x * 1000),
              focal_y: Math.round(fields.focal.y * 1000),
            }),
            updated_at: at,
          })
          .where('hash', '=', hash)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        // A new focal point gives the crops new addresses: the ones cut around the old point go.
        if (fields.focal) {
          await trx
            .deleteFrom('media_variants')
            .where('hash', '=', hash)
            .where((eb) => eb.or([eb('name', 'like', 'card-%'), eb('name', 'like', 'square-%')]))
            .execute();
        }
        await changed(trx, 'media.updated', hash, at, actor);
        return true;
      });
      const media = found ? await byHash(hash) : null;
      if (!media) throw new NotFoundError(`No picture is kept as ${hash}`);
      return media;
    },

    async usage(hash) {
      if (!MediaHashSchema.safeParse(hash).success) return [];
      return db
        .selectFrom('articles')
        .select(['id', 'slug', 'headline', 'status'])
        .where((eb) => usesPicture(eb, hash))
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(maxUses)
        .execute();
    },

    async delete(hash, { now = new Date(), actor } = {}) {
      if (!MediaHashSchema.safeParse(hash).success) throw new NotFoundError(`No picture is kept as ${hash}`);
      const result = await db.transaction().execute(async (trx) => {
        // One statement, so an article that starts using the picture meanwhile keeps it.
        const deleted = await trx
          .deleteFrom('media')
          .where('hash', '=', hash)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('articles')
                  .select('id')
                  .where((inner) => usesPicture(inner, hash)),
              ),
            ),
          )
          .executeTakeFirst();
        if (deleted.numDeletedRows > 0n) await changed(trx, 'media.deleted', hash, isoUtc(now), actor);
        return deleted;
      });
      if (result.numDeletedRows > 0n) return;
      if (!(await byHash(hash))) throw new NotFoundError(`No picture is kept as ${hash}`);
      const uses = await this.usage(hash);
      const named = uses
        .slice(0, 3)
        .map((use) => `"${use.headline}"`)
        .join(', ');
      const more = uses.length > 3 ? ` and ${uses.length - 3} more` : '';
      throw new MediaInUseError(
        `This picture is used by ${uses.length === 1 ? 'an article' : `${uses.length} articles`}: ${named}${more}. Remove it from ${uses.length === 1 ? 'that article' : 'them'} first`,
      );
    },

    async variant(hash, name) {
      const row = await db
        .selectFrom('media_variants')
        .select('bytes')
        .where('hash', '=', hash)
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? asBuffer(row.bytes) : null;
    },

    async putVariant(hash, name, { contentType, bytes, now = new Date() }) {
      await db
        .insertInto('media_variants')
        .values({ hash, name, content_type: contentType, bytes, created_at: isoUtc(now) })
        .onConflict((conflict) => conflict.columns(['hash', 'name']).doNothing())
        .execute();
    },
  };
}

/**
 * An article uses a picture when its hero or a body image gives the picture's path as `src`.
 * Both are stored as JSON text, where the path appears quoted exactly so; the hash is 64 hex
 * digits, so the pattern holds no LIKE wildcard.
 */
function usesPicture(eb: ExpressionBuilder<Database, 'articles'>, hash: string) {
  const quoted = `%"${mediaPath(hash)}"%`;
  return eb.or([eb('body', 'like', quoted), eb('hero_image', 'like', quoted)]);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function mediaOf(row: Omit<Selectable<MediaTable>, 'bytes'>): Media {
  return {
    hash: row.hash,
    format: row.format,
    width: Number(row.width),
    height: Number(row.height),
    size: Number(row.size),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    focal: { x: Number(row.focal_x) / 1000, y: Number(row.focal_y) / 1000 },
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
