import { createHash } from 'node:crypto';
import { mediaPath } from '@newsroom/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

// The media library through the router as the desk calls it (who may call each procedure is in
// roles.test.ts; uploads and variants are plugins/media-upload.test.ts and media-files.test.ts).

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

async function kept(seed: string, at = new Date()) {
  const bytes = Buffer.from(`picture ${seed}`);
  const hash = createHash('sha256').update(bytes).digest('hex');
  await fx.store.media.put(
    { hash, bytes, format: 'jpeg', width: 1400, height: 700 },
    { uploadedBy: 'Ada', now: at },
  );
  return hash;
}

describe('the media library', () => {
  it('lists pictures newest first with the addresses of their variants, found by their words', async () => {
    const older = await kept('older', new Date('2026-12-01T10:00:00Z'));
    const newer = await kept('newer', new Date('2026-12-02T10:00:00Z'));
    await fx.as('author').media.update({ id: older, alt: 'Firefighters at the warehouse', credit: 'AP' });
    const page = await fx.as('contributor').media.list({});
    expect(page.items.map((item) => item.id)).toEqual([newer, older]);
    expect(page.items[0]?.variants.map((variant) => variant.url)).toContain(`/media/${newer}/1280.webp`);
    expect(page.items[0]?.variants.map((variant) => variant.url)).toContain(`/media/${newer}/1400.jpg`);
    const found = await fx.as('contributor').media.list({ q: 'warehouse' });
    expect(found.items.map((item) => item.id)).toEqual([older]);
    expect(await codeOf(fx.as('contributor').media.list({ cursor: 'not-a-cursor' }))).toBe('BAD_REQUEST');
  });

  it('describes a picture, and moves its crops to new addresses with a new focal point', async () => {
    const id = await kept('described');
    const updated = await fx.as('author').media.update({
      id,
      alt: 'The mayor at the podium',
      caption: 'The mayor spoke for an hour',
      credit: 'Reuters',
      focal: { x: 0.3, y: 0.2 },
    });
    expect(updated).toMatchObject({
      alt: 'The mayor at the podium',
      credit: 'Reuters',
      focal: { x: 0.3, y: 0.2 },
    });
    expect(updated.variants.map((variant) => variant.url)).toContain(`/media/${id}/card-300-200.jpg`);
    expect(await fx.as('contributor').media.byId({ id })).toEqual(updated);
    expect(await codeOf(fx.as('author').media.update({ id, focal: { x: 2, y: 0 } }))).toBe('BAD_REQUEST');
    expect(await codeOf(fx.as('author').media.update({ id, alt: 'x'.repeat(501) }))).toBe('BAD_REQUEST');
    expect(await codeOf(fx.as('editor').media.byId({ id: 'f'.repeat(64) }))).toBe('NOT_FOUND');
    expect(await codeOf(fx.as('editor').media.byId({ id: 'not-a-hash' }))).toBe('BAD_REQUEST');
  });

  it('refuses to delete a picture an article uses, naming it, and deletes it once no article does', async () => {
    const id = await kept('used');
    const draft = await fx.draft({ headline: 'Storm damage' });
    const withPicture = await fx.store.articles.update({
      id: draft.id,
      version: draft.version,
      heroImage: { src: mediaPath(id), alt: 'Storm', caption: null, credit: null, width: 1400, height: 700 },
    });
    expect(await fx.as('editor').media.usage({ id })).toEqual([
      { id: draft.id, slug: draft.slug, headline: 'Storm damage', status: 'draft' },
    ]);
    const refused = await fx
      .as('editor')
      .media.delete({ id })
      .catch((error: { code: string; message: string }) => error);
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: 'This picture is used by an article: "Storm damage". Remove it from that article first',
    });
    await fx.store.articles.update({ id: draft.id, version: withPicture.version, heroImage: null });
    expect(await fx.as('editor').media.delete({ id })).toEqual({ id, deleted: true });
    expect(await codeOf(fx.as('editor').media.byId({ id }))).toBe('NOT_FOUND');
    const audit = await fx.store.audit.list({ objectType: 'media', limit: 10 });
    expect(audit.items.map((entry) => entry.action)).toEqual(['media.delete']);
  });

  it("gives an article's kept pictures the size the library has, and refuses one it does not have", async () => {
    const id = await kept('sized');
    const image = { src: mediaPath(id), alt: 'Storm', caption: null, credit: null, width: 1600, height: 900 };
    const created = await fx.as('editor').article.create({
      headline: 'Storm damage',
      heroImage: image,
      body: [
        { type: 'image', ...image },
        { type: 'paragraph', text: 'Roofs were torn off.' },
      ],
    });
    expect(created.heroImage).toMatchObject({ width: 1400, height: 700 });
    expect(created.body[0]).toMatchObject({ type: 'image', width: 1400, height: 700 });

    const missing = mediaPath('e'.repeat(64));
    const refused = await fx
      .as('editor')
      .article.update({ id: created.id, version: created.version, heroImage: { ...image, src: missing } })
      .catch((error: { code: string; message: string }) => error);
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST',
      message: `No picture in the library has the address ${missing}: upload it first`,
    });
    expect((await fx.store.articles.byId(created.id))?.heroImage?.src).toBe(mediaPath(id));
  });
});
