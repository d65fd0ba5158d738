import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionConflictError } from '../errors.js';
import type { Store } from '../store.js';
import { at, draftInput } from '../testing/contract-fixtures.js';
import { describeOnServer, freshServerDatabase } from '../testing/server-database.js';
import { openPostgresStore } from './postgres-store.js';

/*
 * Two API instances on one PostgreSQL server are two Stores with connections of their own. The
 * contract's "at once" tests cannot make such calls race: on SQLite and PGlite every call takes
 * its turn on one session, and on a server the first call is often done before the second has
 * a connection. Here a third connection holds the row's lock while both Stores write to it, so
 * both read the same version and wait at their UPDATE; the test sees them waiting, lets go,
 * and the version checks alone must decide.
 */

describeOnServer('two Stores racing for real', (serverUrl) => {
  let url: string;
  let first: Store;
  let second: Store;
  let admin: pg.Client;

  beforeAll(async () => {
    url = await freshServerDatabase(serverUrl, 'newsroom_test_races');
    first = await openPostgresStore(url, { poolSize: 2 });
    second = await openPostgresStore(url, { poolSize: 2 });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await first?.close();
    await second?.close();
  });

  /** Runs `race` while one row is locked, and lets go once `waiters` writes wait for it. */
  async function whileLocked<T>(
    row: { table: 'articles' | 'rate_limits'; key: string },
    waiters: number,
    race: () => Promise<T>,
  ): Promise<T> {
    const column = row.table === 'articles' ? 'id' : 'key';
    await admin.query('begin');
    await admin.query(`select 1 from ${row.table} where ${column} = $1 for update`, [row.key]);
    const racing = race();
    try {
      await waitersOnLocks(waiters);
    } finally {
      await admin.query('rollback');
    }
    return racing;
  }

  async function waitersOnLocks(count: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if ((rows[0]?.n ?? 0) >= count) return;
      if (Date.now() > deadline) throw new Error(`${count} writes never waited on the lock together`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('lets exactly one of two saves of the same version win, one from each Store', async () => {
    const created = await first.articles.create(draftInput({ slug: 'raced-save' }));
    const results = await whileLocked({ table: 'articles', key: created.id }, 2, () =>
      Promise.allSettled([
        first.articles.update({ id: created.id, version: 1, headline: 'First instance' }),
        second.articles.update({ id: created.id, version: 1, headline: 'Second instance' }),
      ]),
    );
    const saved = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(VersionConflictError);
    const stored = await second.articles.byId(created.id);
    expect(stored).toMatchObject({ version: 2, headline: saved[0]?.headline });
    const revisions = await first.articles.revisions(created.id, { limit: 10 });
    expect(revisions.items.map((r) => r.version)).toEqual([2, 1]);
  });

  it('publishes a due article once when both Stores’ schedulers run at the same moment', async () => {
    const draft = await first.articles.create(draftInput({ slug: 'raced-schedule' }), { now: at(0) });
    const scheduled = await first.articles.setStatus(draft.id, draft.version, 'scheduled', {
      now: at(1),
      scheduledFor: at(60).toISOString(),
    });
    const [one, other] = await whileLocked({ table: 'articles', key: scheduled.id }, 2, () =>
      Promise.all([first.articles.publishDue(at(90)), second.articles.publishDue(at(90))]),
    );
    expect([...(one ?? []), ...(other ?? [])].map((a) => a.id)).toEqual([scheduled.id]);
    const revisions = await second.articles.revisions(scheduled.id, { limit: 10 });
    expect(revisions.items.filter((r) => r.snapshot.status === 'published')).toHaveLength(1);
  });

  it('counts both hits on one rate limit, one from each Store', async () => {
    const key = 'comments:203.0.113.9';
    expect((await first.rateLimits.hit(key, 60_000, at(0))).hits).toBe(1);
    const windows = await whileLocked({ table: 'rate_limits', key }, 2, () =>
      Promise.all([first.rateLimits.hit(key, 60_000, at(0)), second.rateLimits.hit(key, 60_000, at(0))]),
    );
    expect(windows.map((window) => window.hits).sort()).toEqual([2, 3]);
    expect((await second.rateLimits.peek(key, at(0))).hits).toBe(3);
  });

  describe('webhook deliveries planned and sent by two Stores', () => {
    const lease = 60_000;

    /** Runs `work` while the admin connection holds `lockSql`'s rows, letting go after. */
    async function whileHeld<T>(lockSql: string, params: unknown[], work: () => Promise<T>): Promise<T> {
      await admin.query('begin');
      try {
        await admin.query(lockSql, params);
        return await work();
      } finally {
        await admin.query('rollback');
      }
    }

    it("skips the planner's place while another Store plans, and plans each event once", async () => {
      const { webhook: hook } = await first.webhooks.create({
        url: 'https://hooks.example/races',
        eventTypes: ['article.created'],
      });
      await first.webhooks.planDeliveries({ limit: 1_000 });
      await first.articles.create(draftInput({ slug: 'planned-once' }));
      // Held by someone else, the place is skipped at once rather than waited for.
      const skipped = await whileHeld(
        "select 1 from event_consumers where name = 'webhooks' for update",
        [],
        () => second.webhooks.planDeliveries({ limit: 1_000 }),
      );
      expect(skipped).toBe(0);
      for (let i = 0; i < 20; i++) await second.articles.create(draftInput({ slug: `planned-${i}` }));
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? first : second).webhooks.planDeliveries({ limit: 5 })),
      );
      while ((await first.webhooks.waitingEvents()).count > 0)
        await first.webhooks.planDeliveries({ limit: 1_000 });
      const { rows } = await admin.query<{ events: number; deliveries: number }>(
        'select count(distinct event_id)::int as events, count(*)::int as deliveries from webhook_deliveries where webhook_id = $1',
        [hook.id],
      );
      expect(rows[0]).toEqual({ events: 21, deliveries: 21 });
      await first.webhooks.delete(hook.id);
    });

    it('gives each due delivery to one Store, skipping those another has claimed', async () => {
      const { webhook: hook } = await first.webhooks.create({
        url: 'https://hooks.example/claims',
        eventTypes: ['article.created'],
      });
      await first.webhooks.planDeliveries({ limit: 1_000 });
      for (let i = 0; i < 30; i++) await first.articles.create(draftInput({ slug: `claimed-${i}` }));
      await second.webhooks.planDeliveries({ limit: 1_000 });
      const now = new Date(Date.now() + 1_000);
      const { rows: locked } = await admin.query<{ id: string }>(
        'select id from webhook_deliveries where webhook_id = $1 order by next_attempt_at, id limit 1',
        [hook.id],
      );
      const held = locked[0]?.id;
      const whileOneIsHeld = await whileHeld(
        'select 1 from webhook_deliveries where id = $1 for update',
        [held],
        () => second.webhooks.claimDue({ limit: 100, leaseMs: lease, now }),
      );
      expect(whileOneIsHeld.map((d) => d.id)).not.toContain(held);
      expect(whileOneIsHeld).toHaveLength(29);
      const [a, b] = await Promise.all([
        first.webhooks.claimDue({ limit: 100, leaseMs: lease, now }),
        second.webhooks.claimDue({ limit: 100, leaseMs: lease, now }),
      ]);
      expect([...(a ?? []), ...(b ?? [])].map((d) => d.id)).toEqual([held]);
      await first.webhooks.delete(hook.id);
    });
  });
});
