import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

// Every write through the API records its event under the caller's name: the events are what
// webhooks and streams tell the world (the events themselves: packages/db's contract).

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

describe("the events of the API's writes", () => {
  it('name the token that made each change, whatever was changed', async () => {
    const editor = fx.as('editor');
    const token = { kind: 'token', id: fx.principals.editor.tokenId, name: 'editor desk' };
    const story = await fx.draft({ status: 'published' });
    const start = await fx.store.events.latestId();
    const comment = await fx.store.comments.create({
      articleId: story.id,
      displayName: 'Ines',
      body: 'Yes.',
    });
    await editor.comment.moderate({ id: comment.id, status: 'approved' });
    await editor.tag.create({ slug: 'storms', name: 'Storms', description: null, type: 'topic' });
    await editor.section.update({ slug: 'world', patch: { name: 'The World' } });
    const current = await fx.store.articles.byId(story.id);
    await editor.article.delete({ id: story.id, version: current?.version ?? 0 });

    const events = await fx.store.events.after(start, { limit: 20 });
    expect(events.map((event) => event.type)).toEqual([
      'comment.created',
      'comment.approved',
      'tag.changed',
      'section.changed',
      'article.deleted',
    ]);
    for (const event of events.slice(1)) expect(event.actor).toEqual(token);
  });
});
