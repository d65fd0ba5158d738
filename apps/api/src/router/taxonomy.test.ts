import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

describe('tags, sections and authors', () => {
  it('list with counts of published articles and show each with its latest stories', async () => {
    const published = await fx.draft({ status: 'published' });
    await fx.draft();
    const reader = fx.as('reader');
    const tags = await reader.tag.list();
    expect(tags.find((t) => t.slug === 'climate')?.articleCount).toBe(1);
    const climate = await reader.tag.bySlug({ slug: 'climate' });
    expect(climate.name).toBe('Climate');
    expect(climate.articles.items.map((a) => a.id)).toEqual([published.id]);
    const science = await reader.section.bySlug({ slug: 'science' });
    expect(science.articles.items.map((a) => a.id)).toEqual([published.id]);
    const author = await reader.author.bySlug({ slug: 'cy-contributor' });
    expect(author.articleCount).toBe(1);
    expect(await codeOf(reader.tag.bySlug({ slug: 'nothing-here' }))).toBe('NOT_FOUND');
    expect((await reader.section.list()).map((s) => s.slug)).toEqual(['world', 'science']);
  });

  it('keep slugs unique and leave a redirect when renamed', async () => {
    const editor = fx.as('editor');
    expect(
      await codeOf(editor.tag.create({ slug: 'climate', name: 'Again', description: null, type: 'topic' })),
    ).toBe('CONFLICT');
    await editor.tag.update({ slug: 'climate', patch: { slug: 'climate-crisis', name: 'Climate crisis' } });
    expect((await fx.as('reader').redirect.lookup({ kind: 'tag', slug: 'climate' })).slug).toBe(
      'climate-crisis',
    );
    expect(await codeOf(editor.tag.update({ slug: 'ukraine', patch: { slug: 'russia' } }))).toBe('CONFLICT');
  });

  it('merge one tag into another, moving its articles', async () => {
    const article = await fx.draft({ status: 'published' });
    const editor = fx.as('editor');
    const merged = await editor.tag.merge({ from: 'climate', into: 'russia' });
    expect(merged.slug).toBe('russia');
    expect((await fx.store.articles.byId(article.id))?.tags.map((t) => t.slug)).toEqual(['russia']);
    expect(await codeOf(fx.as('reader').tag.bySlug({ slug: 'climate' }))).toBe('NOT_FOUND');
    expect((await fx.as('reader').redirect.lookup({ kind: 'tag', slug: 'climate' })).slug).toBe('russia');
  });

  it('merge a section or an author into another, the old slug redirecting, and never into itself', async () => {
    const article = await fx.draft({ status: 'published', author: 'other-writer' });
    const editor = fx.as('editor');
    const section = await editor.section.merge({ from: 'science', into: 'world' });
    expect(section).toMatchObject({ slug: 'world', articleCount: 1 });
    const author = await editor.author.merge({ from: 'other-writer', into: 'ana-author' });
    expect(author).toMatchObject({ slug: 'ana-author', articleCount: 1 });
    expect(await fx.store.articles.byId(article.id)).toMatchObject({
      section: { slug: 'world' },
      authors: [{ slug: 'ana-author' }],
    });
    const reader = fx.as('reader');
    expect((await reader.redirect.lookup({ kind: 'section', slug: 'science' })).slug).toBe('world');
    expect((await reader.redirect.lookup({ kind: 'author', slug: 'other-writer' })).slug).toBe('ana-author');
    expect(await codeOf(editor.section.merge({ from: 'world', into: 'world' }))).toBe('BAD_REQUEST');
    expect(await codeOf(editor.author.merge({ from: 'nobody', into: 'ana-author' }))).toBe('NOT_FOUND');
    const trail = await fx.store.audit.list({ action: 'author.merge', limit: 5 });
    expect(trail.items.map((e) => [e.objectId, e.detail])).toEqual([
      ['other-writer', { into: 'ana-author' }],
    ]);
  });

  it('delete a section, leaving its articles without one', async () => {
    const article = await fx.draft({ status: 'published' });
    await fx.as('editor').section.delete({ slug: 'science' });
    expect((await fx.store.articles.byId(article.id))?.section).toBeNull();
    expect(await codeOf(fx.as('editor').section.delete({ slug: 'science' }))).toBe('NOT_FOUND');
  });

  it('refuse bad input with BAD_REQUEST', async () => {
    const editor = fx.as('editor');
    expect(
      await codeOf(editor.tag.create({ slug: 'Bad Slug', name: 'x', description: null, type: 'topic' })),
    ).toBe('BAD_REQUEST');
    expect(await codeOf(editor.section.update({ slug: 'world', patch: { order: -1 } }))).toBe('BAD_REQUEST');
  });
});

describe('the rest of the editing procedures', () => {
  it('create, rename and delete authors, sections and tags', async () => {
    const editor = fx.as('editor');
    await editor.author.create({
      slug: 'new-reporter',
      name: 'New Reporter',
      bio: 'Covers courts.',
      avatar: null,
    });
    expect((await fx.as('reader').author.list()).map((a) => a.slug)).toContain('new-reporter');
    const renamed = await editor.author.update({ slug: 'new-reporter', patch: { name: 'Court Reporter' } });
    expect(renamed.name).toBe('Court Reporter');
    await editor.author.delete({ slug: 'new-reporter' });
    expect(await codeOf(fx.as('reader').author.bySlug({ slug: 'new-reporter' }))).toBe('NOT_FOUND');

    await editor.section.create({ slug: 'culture', name: 'Culture', description: null, order: 3 });
    expect((await fx.as('reader').section.list()).map((s) => s.slug)).toEqual([
      'world',
      'science',
      'culture',
    ]);

    await editor.tag.delete({ slug: 'ukraine' });
    expect((await fx.as('reader').tag.list()).map((t) => t.slug)).not.toContain('ukraine');
  });

  it('lets an admin create and revoke tokens, and nobody else', async () => {
    const created = await fx.as('admin').token.create({ name: 'Night desk', role: 'editor' });
    expect(created.token).toMatch(/^nr_/);
    expect(await fx.store.tokens.resolve(created.token)).toMatchObject({ role: 'editor' });
    expect(await codeOf(fx.as('editor').token.create({ name: 'x', role: 'admin' }))).toBe('FORBIDDEN');
    expect(await fx.as('admin').token.revoke({ tokenId: created.principal.tokenId })).toEqual({
      revoked: true,
    });
    expect(await fx.store.tokens.resolve(created.token)).toBeNull();
  });
});
