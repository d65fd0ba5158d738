import { type AuditEntryInput, AuditEntrySchema } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Store } from '../store.js';
import { allPages, at } from './contract-fixtures.js';

const ada = { kind: 'person', id: '11111111-1111-4111-8111-111111111111', name: 'Ada' } as const;
const robot = { kind: 'token', id: '22222222-2222-4222-8222-222222222222', name: 'Importer' } as const;

function entry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    actor: ada,
    action: 'article.publish',
    objectType: 'article',
    objectId: 'a1',
    address: '203.0.113.9',
    detail: {},
    ...overrides,
  };
}

/** The audit trail and the newsroom's settings. Part of describeStoreContract. */
export function describeAuditContract(store: () => Store): void {
  describe('the audit trail', () => {
    it('keep an entry as recorded, with its detail, and stamp the time when none is given', async () => {
      const recorded = await store().audit.record(
        entry({ at: at(3).toISOString(), detail: { role: 'editor', count: 2, ok: true, none: null } }),
      );
      expect(AuditEntrySchema.parse(recorded)).toEqual(recorded);
      expect(recorded).toMatchObject({
        at: at(3).toISOString(),
        actor: ada,
        detail: { role: 'editor', count: 2 },
      });
      const stamped = await store().audit.record(
        entry({ actor: { kind: 'system', id: null, name: 'anonymous' }, address: null }),
      );
      expect(Date.now() - Date.parse(stamped.at)).toBeLessThan(60_000);
      expect((await store().audit.list({ limit: 10 })).items).toEqual([stamped, recorded]);
    });

    it('shorten a long address to 64 characters and refuse what breaks a rule, recording nothing', async () => {
      expect((await store().audit.record(entry({ address: 'a'.repeat(200) }))).address).toHaveLength(64);
      await expect(store().audit.record(entry({ action: 'Not An Action' }))).rejects.toThrow(
        InvalidInputError,
      );
      await expect(store().audit.record(entry({ objectId: 'x'.repeat(201) }))).rejects.toThrow(
        InvalidInputError,
      );
      await expect(store().audit.record(entry({ detail: { big: 'x'.repeat(501) } }))).rejects.toThrow(
        InvalidInputError,
      );
      expect((await store().audit.list({ limit: 10 })).items).toHaveLength(1);
    });

    it('list newest first in keyset pages that lose nothing when entries share a time', async () => {
      for (let index = 0; index < 7; index++) {
        await store().audit.record(
          entry({ at: at(index < 4 ? 1 : index).toISOString(), objectId: `a${index}` }),
        );
      }
      const { items: all, pages } = await allPages((cursor) => store().audit.list({ limit: 3, cursor }));
      expect(pages).toBe(3);
      expect(all).toHaveLength(7);
      expect(new Set(all.map((e) => e.id)).size).toBe(7);
      const times = all.map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      await expect(store().audit.list({ limit: 3, cursor: 'nonsense' })).rejects.toThrow(InvalidInputError);
    });

    it('filter by actor, object, action and time', async () => {
      await store().audit.record(entry({ at: at(1).toISOString() }));
      await store().audit.record(entry({ at: at(2).toISOString(), actor: robot, objectId: 'a2' }));
      await store().audit.record(
        entry({ at: at(3).toISOString(), action: 'user.suspend', objectType: 'person', objectId: ada.id }),
      );
      const ids = async (query: Parameters<Store['audit']['list']>[0]) =>
        (await store().audit.list(query)).items.map((e) => e.at);
      expect(await ids({ limit: 10, actorId: robot.id })).toEqual([at(2).toISOString()]);
      expect(await ids({ limit: 10, objectType: 'article' })).toEqual([
        at(2).toISOString(),
        at(1).toISOString(),
      ]);
      expect(await ids({ limit: 10, objectType: 'article', objectId: 'a2' })).toEqual([at(2).toISOString()]);
      expect(await ids({ limit: 10, action: 'user.suspend' })).toEqual([at(3).toISOString()]);
      expect(await ids({ limit: 10, from: at(2).toISOString(), to: at(3).toISOString() })).toEqual([
        at(2).toISOString(),
      ]);
    });
  });

  describe('settings', () => {
    it('start from the defaults and keep what an update changes', async () => {
      expect(await store().settings.get()).toEqual({ requireSecondFactorFrom: null });
      expect(await store().settings.update({ requireSecondFactorFrom: 'editor' })).toEqual({
        requireSecondFactorFrom: 'editor',
      });
      expect(await store().settings.get()).toEqual({ requireSecondFactorFrom: 'editor' });
      expect(await store().settings.update({})).toEqual({ requireSecondFactorFrom: 'editor' });
      expect(await store().settings.update({ requireSecondFactorFrom: null })).toEqual({
        requireSecondFactorFrom: null,
      });
    });

    it('refuse an unknown role or setting, changing nothing', async () => {
      await expect(
        store().settings.update({ requireSecondFactorFrom: 'chief' as unknown as 'editor' }),
      ).rejects.toThrow(InvalidInputError);
      await expect(store().settings.update({ colour: 'red' } as never)).rejects.toThrow(InvalidInputError);
      expect(await store().settings.get()).toEqual({ requireSecondFactorFrom: null });
    });
  });
}
