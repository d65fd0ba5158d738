import { openStore, type Store } from '@newsroom/db';
import { describeOnServer, freshServerDatabase } from '@newsroom/db/testing/server-database';
import type { AuditEntry } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient, errorCodeOf, type NewsroomClient } from '../client.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// The audit trail over HTTP, as an admin's tool reads it: editorial and token writes recorded
// by whoever made them, with no secret in them; people's changes by the admin; filters and
// keyset pages. Run on SQLite and on a PostgreSQL server.

function describeAuditTrail(backend: string, open: () => Promise<Store>) {
  describe(`the audit trail (${backend})`, () => {
    let store: Store;
    let api: TestApi;
    let admin: NewsroomClient;
    let editor: NewsroomClient;
    let editorTokenId: string;

    beforeAll(async () => {
      store = await open();
      await store.sections.upsert({ slug: 'science', name: 'Science', description: null, order: 1 });
      api = await startTestApi(store);
      admin = createNewsroomClient(api.url, {
        token: (await store.tokens.create({ name: 'Admin tool', role: 'admin' })).token,
      });
      const editorToken = await store.tokens.create({ name: 'Night desk', role: 'editor' });
      editorTokenId = editorToken.principal.tokenId;
      editor = createNewsroomClient(api.url, { token: editorToken.token });
    });
    afterAll(async () => {
      await api?.close();
      await store?.close();
    });

    it('records an article publish by the editor, naming the article, from their address', async () => {
      const draft = await editor.article.create.mutate({
        headline: 'Tide tables',
        body: [],
        sectionSlug: 'science',
      });
      await editor.article.publish.mutate({ id: draft.id, version: draft.version });
      const page = await admin.audit.list.query({ objectId: draft.id, limit: 10 });
      expect(page.items.map((e) => e.action)).toEqual(['article.publish', 'article.create']);
      expect(page.items[0]).toMatchObject({
        actor: { kind: 'token', id: editorTokenId, name: 'Night desk' },
        objectType: 'article',
        objectId: draft.id,
        address: '127.0.0.1',
      });
    });

    it('records a token created by its id and name, never its secret', async () => {
      const created = await admin.token.create.mutate({ name: 'Feed importer', role: 'author' });
      const page = await admin.audit.list.query({ action: 'token.create', limit: 10 });
      const entry = page.items.find((e) => e.objectId === created.principal.tokenId);
      expect(entry).toMatchObject({ objectType: 'token', detail: { name: 'Feed importer', role: 'author' } });
      expect(JSON.stringify(page.items)).not.toContain(created.token);
    });

    it('records nothing for a write that was refused', async () => {
      const draft = await editor.article.create.mutate({
        headline: 'Refused',
        body: [],
        sectionSlug: 'science',
      });
      const stale = await editor.article.publish
        .mutate({ id: draft.id, version: draft.version + 5 })
        .catch(errorCodeOf);
      expect(stale).toBe('CONFLICT');
      const page = await admin.audit.list.query({ objectId: draft.id, limit: 10 });
      expect(page.items.map((e) => e.action)).toEqual(['article.create']);
    });

    it('filters by action, actor and time, and pages newest first without gaps or repeats', async () => {
      const from = new Date().toISOString();
      const made: string[] = [];
      for (let n = 0; n < 5; n += 1) {
        const draft = await editor.article.create.mutate({
          headline: `Paged ${n}`,
          body: [],
          sectionSlug: 'science',
        });
        made.push(draft.id);
      }
      const seen: AuditEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await admin.audit.list.query({
          action: 'article.create',
          actorId: editorTokenId,
          from,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.map((e) => e.objectId)).toEqual([...made].reverse());
      const times = seen.map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const before = await admin.audit.list.query({ action: 'article.create', to: from, limit: 100 });
      expect(before.items.some((e) => made.includes(e.objectId ?? ''))).toBe(false);
    });

    it('refuses a malformed query with a clear BAD_REQUEST', async () => {
      const refused = await admin.audit.list
        .query({ action: 'Not An Action!', limit: 5 })
        .catch((error) => error);
      expect(errorCodeOf(refused)).toBe('BAD_REQUEST');
      expect(String(refused.message)).toMatch(/action/);
    });

    it('records an invitation by the admin, and refuses the trail to an editor', async () => {
      const { person, link } = await admin.user.invite.mutate({
        email: 'new@example.com',
        name: 'New Hire',
        role: 'author',
      });
      expect(link.startsWith('http://localhost:4322/invitation?key=')).toBe(true);
      const page = await admin.audit.list.query({ objectType: 'person', objectId: person.id, limit: 5 });
      expect(page.items.map((e) => [e.action, e.actor.name])).toEqual([['user.invite', 'Admin tool']]);
      expect(JSON.stringify(page.items)).not.toContain(new URL(link).searchParams.get('key'));
      expect(await editor.audit.list.query({ limit: 5 }).catch(errorCodeOf)).toBe('FORBIDDEN');
    });
  });
}

describeAuditTrail('SQLite', () => openStore(':memory:'));

describeOnServer('the audit trail', (serverUrl) => {
  describeAuditTrail('PostgreSQL', async () =>
    openStore(await freshServerDatabase(serverUrl, 'newsroom_test_api_audit_trail')),
  );
});
