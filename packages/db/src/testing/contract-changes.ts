import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { at, draftInput, publish } from './contract-fixtures.js';

/** Change notices for caches. Part of describeStoreContract. */
export function describeChangeFeedContract(store: () => Store): void {
  describe('change notices', () => {
    function counting() {
      const counter = { notices: 0, unsubscribe: () => {} };
      counter.unsubscribe = store().changes.subscribe(() => {
        counter.notices++;
      });
      return counter;
    }

    it('come after each write readers could see, and not after reads', async () => {
      const counter = counting();
      const article = await publish(store(), draftInput({ slug: 'noticed' }), at(0));
      const afterPublish = counter.notices;
      expect(afterPublish).toBeGreaterThanOrEqual(2);

      await store().articles.bySlug('noticed');
      await store().articles.list({ limit: 5 });
      await store().tags.list();
      expect(counter.notices).toBe(afterPublish);

      await store().comments.create({ articleId: article.id, displayName: 'R', body: 'Hello' });
      expect(counter.notices).toBe(afterPublish + 1);
      await store().tags.update('climate', { name: 'Climate crisis' });
      expect(counter.notices).toBe(afterPublish + 2);
    });

    it('do not come for a write that failed, for tokens, for rate limits, or when nothing was due', async () => {
      const counter = counting();
      await expect(store().articles.update({ id: 'missing', version: 1, headline: 'X' })).rejects.toThrow();
      await store().tokens.create({ name: 'Desk', role: 'editor' });
      await store().rateLimits.hit('writes:x', 60_000);
      expect(await store().articles.publishDue(at(0))).toEqual([]);
      expect(counter.notices).toBe(0);
    });

    it('come when a scheduled article is published, and stop after unsubscribing', async () => {
      const draft = await store().articles.create(draftInput({ slug: 'later' }), { now: at(0) });
      await store().articles.setStatus(draft.id, draft.version, 'scheduled', {
        now: at(0),
        scheduledFor: at(10).toISOString(),
      });
      const counter = counting();
      expect(await store().articles.publishDue(at(10))).toHaveLength(1);
      expect(counter.notices).toBe(1);
      counter.unsubscribe();
      await store().articles.create(draftInput({ slug: 'unheard' }));
      expect(counter.notices).toBe(1);
    });

    it('come once an import has been read to the end', async () => {
      const counter = counting();
      const drafts = [1, 2, 3].map((n) => ({
        headline: `Imported ${n}`,
        contentHash: createHash('sha256').update(`copy ${n}`).digest('hex'),
        body: [{ type: 'paragraph' as const, text: `Copy ${n}.` }],
      }));
      const outcomes = [];
      for await (const outcome of store().imports.importDrafts(drafts)) outcomes.push(outcome);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(counter.notices).toBe(1);
    });
  });
}
