import { ApiTokenSchema } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { allPages, at } from './contract-fixtures.js';

const minute = 60_000;
const later = (base: Date, ms: number) => new Date(base.getTime() + ms);

/** API tokens as admins oversee them: the list, expiry and last use. Part of describeStoreContract. */
export function describeTokenContract(store: () => Store): void {
  describe('API tokens for admins', () => {
    it('list every token newest first in keyset pages, revoked ones too, and never a secret', async () => {
      const made: string[] = [];
      const secrets: string[] = [];
      for (let i = 0; i < 5; i++) {
        // Two share a creation time: the cursor breaks the tie by id.
        const created = await store().tokens.create(
          { name: `Token ${i}`, role: 'author', authorSlug: i === 0 ? 'al' : null },
          { now: at(Math.min(i, 3)) },
        );
        made.push(created.principal.tokenId);
        secrets.push(created.token);
      }
      await store().tokens.revoke(made[1] ?? '', { now: at(30) });
      const { items, pages } = await allPages((cursor) =>
        store().tokens.list({ limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      expect(pages).toBe(3);
      expect(new Set(items.map((t) => t.id))).toEqual(new Set(made));
      const keys = items.map((t) => `${t.createdAt}|${t.id}`);
      expect(keys).toEqual([...keys].sort().reverse());
      for (const token of items) expect(ApiTokenSchema.parse(token)).toEqual(token);
      expect(items.find((t) => t.id === made[0])).toEqual({
        id: made[0],
        name: 'Token 0',
        role: 'author',
        authorSlug: 'al',
        createdAt: at(0).toISOString(),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      });
      expect(items.find((t) => t.id === made[1])?.revokedAt).toBe(at(30).toISOString());
      const listed = JSON.stringify(items);
      for (const secret of secrets) expect(listed).not.toContain(secret.slice(3));
      await expect(store().tokens.list({ limit: 2, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(StoreError);
    });

    it('stop resolving a token once its expiry has passed', async () => {
      const { token, principal, apiToken } = await store().tokens.create(
        { name: 'Week pass', role: 'editor', expiresAt: at(60).toISOString() },
        { now: at(0) },
      );
      expect(apiToken).toMatchObject({ expiresAt: at(60).toISOString(), lastUsedAt: null });
      expect(await store().tokens.resolve(token, { now: at(59) })).toEqual(principal);
      expect(await store().tokens.resolve(token, { now: at(60) })).toBeNull();
      expect(await store().tokens.resolve(token, { now: at(600) })).toBeNull();
    });

    it('keep the expiry in UTC whatever offset it was given with, and refuse one not in the future', async () => {
      const { apiToken } = await store().tokens.create(
        { name: 'Offset', role: 'author', expiresAt: '2025-01-15T12:00:00+02:00' },
        { now: at(0) },
      );
      expect(apiToken.expiresAt).toBe(at(60).toISOString());
      await expect(
        store().tokens.create(
          { name: 'Past', role: 'author', expiresAt: at(0).toISOString() },
          { now: at(1) },
        ),
      ).rejects.toThrow(InvalidInputError);
      await expect(store().tokens.create({ name: '', role: 'author' })).rejects.toThrow(InvalidInputError);
    });

    it('mark a token used when it resolves, at most once a minute', async () => {
      const { token, principal } = await store().tokens.create(
        { name: 'Importer', role: 'author' },
        { now: at(0) },
      );
      const usedAt = async () =>
        (await store().tokens.list({ limit: 100 })).items.find((t) => t.id === principal.tokenId)?.lastUsedAt;
      expect(await usedAt()).toBeNull();
      await store().tokens.resolve(token, { now: at(5) });
      expect(await usedAt()).toBe(at(5).toISOString());
      await store().tokens.resolve(token, { now: later(at(5), 59_000) });
      expect(await usedAt()).toBe(at(5).toISOString());
      await store().tokens.resolve(token, { now: later(at(5), minute + 1) });
      expect(await usedAt()).toBe(later(at(5), minute + 1).toISOString());
      // A refused token is not marked.
      await store().tokens.revoke(principal.tokenId, { now: at(10) });
      await store().tokens.resolve(token, { now: at(20) });
      expect(await usedAt()).toBe(later(at(5), minute + 1).toISOString());
    });
  });
}
