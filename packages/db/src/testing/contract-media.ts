import { createHash } from 'node:crypto';
import { type Block, MediaSchema, mediaPath } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, MediaInUseError, NotFoundError } from '../errors.js';
import type { KeptPicture, Store } from '../store.js';
import { at, draftInput } from './contract-fixtures.js';

/** A "picture" for the Store, which keeps bytes and never decodes them: any bytes will do. */
function picture(seed: string, size = 64): KeptPicture {
  const bytes = Buffer.alloc(size, seed);
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    bytes,
    format: 'jpeg',
    width: 4,
    height: 3,
  };
}

function image(hash: string): Block {
  return {
    type: 'image',
    src: mediaPath(hash),
    alt: 'A picture',
    caption: null,
    credit: null,
    width: 4,
    height: 3,
  };
}

/** Uploaded pictures and their variants. Part of describeStoreContract. */
export function describeMediaContract(store: () => Store): void {
  describe('media', () => {
    it('keep a picture once, under the SHA-256 of its bytes, and give its bytes back unchanged', async () => {
      const kept = picture('a', 300_000);
      const first = await store().media.put(kept, { uploadedBy: 'Ada Editor', now: at(0) });
      const again = await store().media.put(kept, { uploadedBy: 'Ben Author', now: at(5) });
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.media).toEqual(first.media);
      expect(MediaSchema.parse(first.media)).toEqual({
        hash: kept.hash,
        format: 'jpeg',
        width: 4,
        height: 3,
        size: 300_000,
        alt: '',
        caption: null,
        credit: null,
        focal: { x: 0.5, y: 0.5 },
        uploadedBy: 'Ada Editor',
        createdAt: at(0).toISOString(),
        updatedAt: at(0).toISOString(),
      });
      const original = await store().media.original(kept.hash);
      expect(original?.format).toBe('jpeg');
      expect(Buffer.isBuffer(original?.bytes)).toBe(true);
      expect(original?.bytes.equals(kept.bytes)).toBe(true);
      expect(await store().media.byHash('f'.repeat(64))).toBeNull();
      expect(await store().media.byHash('not a hash')).toBeNull();
      await expect(
        store().media.put({ ...kept, hash: 'f'.repeat(64) }, { uploadedBy: 'Ada Editor' }),
      ).rejects.toThrow(InvalidInputError);
    });

    it('list newest first in keyset pages, found by words of their alt text, caption or credit', async () => {
      const hashes: string[] = [];
      for (const [index, seed] of ['b', 'c', 'd', 'e', 'f'].entries()) {
        const { media } = await store().media.put(picture(seed), {
          uploadedBy: 'Ada Editor',
          now: at(index),
        });
        hashes.push(media.hash);
      }
      const [flood, harbour, minister, , wildcard] = hashes as [string, string, string, string, string];
      await store().media.update(flood, { alt: 'Flood water on Main Street', credit: 'AP' });
      await store().media.update(harbour, { caption: 'The harbour at dawn', credit: 'Reuters' });
      await store().media.update(minister, {
        alt: 'The minister speaking',
        caption: 'FLOOD defences opened',
      });
      await store().media.update(wildcard, { caption: '100% turnout' });

      const first = await store().media.list({ limit: 2 });
      expect(first.items.map((media) => media.hash)).toEqual([hashes[4], hashes[3]]);
      const second = await store().media.list({ limit: 2, cursor: first.nextCursor ?? '' });
      const third = await store().media.list({ limit: 2, cursor: second.nextCursor ?? '' });
      expect([...second.items, ...third.items].map((media) => media.hash)).toEqual([
        hashes[2],
        hashes[1],
        hashes[0],
      ]);
      expect(third.nextCursor).toBeNull();

      const found = async (q: string) => (await store().media.list({ q })).items.map((media) => media.hash);
      expect(await found('flood')).toEqual([minister, flood]);
      expect(await found('reuters')).toEqual([harbour]);
      expect(await found('0%')).toEqual([wildcard]);
      expect(await found('%')).toEqual([wildcard]);
      expect(await found('_')).toEqual([]);
      await expect(store().media.list({ cursor: 'made-up' })).rejects.toThrow(InvalidInputError);
    });

    it('change alt text, caption, credit and focal point, dropping the crops cut around the old point but not the sizes', async () => {
      const { media } = await store().media.put(picture('g'), { uploadedBy: 'Ada Editor', now: at(0) });
      for (const name of ['640.webp', 'card-500-500.jpg', 'square-500-500.avif']) {
        await store().media.putVariant(media.hash, name, {
          contentType: 'image/x-test',
          bytes: Buffer.from(name),
        });
      }
      const changed = await store().media.update(
        media.hash,
        { alt: 'Rescuers at the bridge', caption: 'Rescue', credit: 'AFP', focal: { x: 0.25, y: 0.8 } },
        { now: at(3) },
      );
      expect(changed).toMatchObject({
        alt: 'Rescuers at the bridge',
        caption: 'Rescue',
        credit: 'AFP',
        focal: { x: 0.25, y: 0.8 },
        createdAt: at(0).toISOString(),
        updatedAt: at(3).toISOString(),
      });
      expect((await store().media.variant(media.hash, '640.webp'))?.toString()).toBe('640.webp');
      expect(await store().media.variant(media.hash, 'card-500-500.jpg')).toBeNull();
      expect(await store().media.variant(media.hash, 'square-500-500.avif')).toBeNull();
      expect((await store().media.update(media.hash, { caption: '' })).caption).toBeNull();
      await expect(store().media.update('f'.repeat(64), { alt: 'x' })).rejects.toThrow(NotFoundError);
    });

    it('keep the first of two identical variants made at once', async () => {
      const { media } = await store().media.put(picture('h'), { uploadedBy: 'Ada Editor' });
      await Promise.all([
        store().media.putVariant(media.hash, '320.jpg', {
          contentType: 'image/jpeg',
          bytes: Buffer.from('first'),
        }),
        store().media.putVariant(media.hash, '320.jpg', {
          contentType: 'image/jpeg',
          bytes: Buffer.from('first'),
        }),
      ]);
      await store().media.putVariant(media.hash, '320.jpg', {
        contentType: 'image/jpeg',
        bytes: Buffer.from('later'),
      });
      expect((await store().media.variant(media.hash, '320.jpg'))?.toString()).toBe('first');
      expect(await store().media.variant(media.hash, '640.jpg')).toBeNull();
    });

    it('refuse to delete a picture an article uses, naming the article, and delete it with its variants once unused', async () => {
      const { media } = await store().media.put(picture('i'), { uploadedBy: 'Ada Editor' });
      await store().media.putVariant(media.hash, '320.jpg', {
        contentType: 'image/jpeg',
        bytes: Buffer.from('v'),
      });
      const hero = await store().articles.create(
        draftInput({
          slug: 'hero-story',
          headline: 'Floods reach the capital',
          heroImage: {
            src: mediaPath(media.hash),
            alt: 'Flood',
            caption: null,
            credit: null,
            width: 4,
            height: 3,
          },
        }),
        { now: at(0) },
      );
      const inBody = await store().articles.create(
        draftInput({
          slug: 'body-story',
          headline: 'The day after',
          body: [{ type: 'paragraph', text: 'Words.' }, image(media.hash)],
        }),
        { now: at(1) },
      );
      await store().articles.create(draftInput({ slug: 'other-story' }), { now: at(2) });

      const uses = await store().media.usage(media.hash);
      expect(uses).toEqual([
        { id: inBody.id, slug: 'body-story', headline: 'The day after', status: 'draft' },
        { id: hero.id, slug: 'hero-story', headline: 'Floods reach the capital', status: 'draft' },
      ]);
      const refusal = store().media.delete(media.hash);
      await expect(refusal).rejects.toThrow(MediaInUseError);
      await expect(refusal).rejects.toThrow(
        'This picture is used by 2 articles: "The day after", "Floods reach the capital". Remove it from them first',
      );
      expect(await store().media.byHash(media.hash)).not.toBeNull();

      await store().articles.update({ id: hero.id, version: hero.version, heroImage: null });
      await expect(store().media.delete(media.hash)).rejects.toThrow('used by an article: "The day after"');
      await store().articles.update({
        id: inBody.id,
        version: inBody.version,
        body: [{ type: 'paragraph', text: 'Words.' }],
      });
      expect(await store().media.usage(media.hash)).toEqual([]);
      await store().media.delete(media.hash);
      expect(await store().media.byHash(media.hash)).toBeNull();
      expect(await store().media.variant(media.hash, '320.jpg')).toBeNull();
      await expect(store().media.delete(media.hash)).rejects.toThrow(NotFoundError);
    });
  });
}
