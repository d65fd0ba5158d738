import type { Article } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { at, draftInput, publish } from './contract-fixtures.js';

/** Old slugs keep working. Part of describeStoreContract. */
export function describeRedirectContract(store: () => Store): void {
  describe('redirects', () => {
    const rename = (article: Article, slug: string) =>
      store().articles.update({ id: article.id, version: article.version, slug });

    it('leads from every old slug of an article to its current one', async () => {
      const a = await publish(store(), draftInput({ slug: 'first-name' }), at(0));
      const b = await rename(a, 'second-name');
      await rename(b, 'third-name');
      expect(await store().redirects.lookup('article', 'first-name')).toBe('third-name');
      expect(await store().redirects.lookup('article', 'second-name')).toBe('third-name');
      expect(await store().redirects.lookup('article', 'third-name')).toBeNull();
      expect(await store().redirects.lookup('article', 'never-existed')).toBeNull();
      // Redirects are per kind.
      expect(await store().redirects.lookup('tag', 'first-name')).toBeNull();
      expect((await store().articles.bySlug('third-name'))?.id).toBe(a.id);
    });

    it('never loops: a rename back to an old slug makes it live again', async () => {
      const a = await store().articles.create(draftInput({ slug: 'ping' }));
      const b = await rename(a, 'pong');
      await rename(b, 'ping');
      expect(await store().redirects.lookup('article', 'pong')).toBe('ping');
      expect(await store().redirects.lookup('article', 'ping')).toBeNull();
    });

    it('lets a new article take an old slug: the live one wins', async () => {
      const a = await store().articles.create(draftInput({ slug: 'contested' }));
      await rename(a, 'moved-away');
      expect(await store().redirects.lookup('article', 'contested')).toBe('moved-away');
      const newcomer = await store().articles.create(draftInput({ slug: 'contested', headline: 'Newcomer' }));
      expect(await store().redirects.lookup('article', 'contested')).toBeNull();
      expect((await store().articles.bySlug('contested', { status: 'any' }))?.id).toBe(newcomer.id);
      expect(await store().redirects.lookup('article', 'moved-away')).toBeNull();
    });

    it('leads nowhere once the article is deleted', async () => {
      const a = await store().articles.create(draftInput({ slug: 'old' }));
      const b = await rename(a, 'new');
      await store().articles.delete(b.id, b.version);
      expect(await store().redirects.lookup('article', 'old')).toBeNull();
    });

    it('follows renamed tags, sections and authors', async () => {
      await store().tags.update('climate', { slug: 'climate-crisis' });
      await store().tags.update('climate-crisis', { slug: 'climate-emergency' });
      await store().sections.update('world', { slug: 'international' });
      await store().authors.update('al', { slug: 'alice-writer' });
      expect(await store().redirects.lookup('tag', 'climate')).toBe('climate-emergency');
      expect(await store().redirects.lookup('tag', 'climate-crisis')).toBe('climate-emergency');
      expect(await store().redirects.lookup('section', 'world')).toBe('international');
      expect(await store().redirects.lookup('author', 'al')).toBe('alice-writer');
      expect(await store().redirects.lookup('author', 'bea')).toBeNull();
    });
  });
}
