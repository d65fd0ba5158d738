import type { Store } from '@newsroom/db';
import type { AuditEntry, AuditEntryInput, Principal } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { isAuditedMutation, recordMutation } from './audit-mutations.js';

const editor: Principal = {
  tokenId: '7a1c2e4b-1f0a-4c3e-9a7b-2d5e6f708192',
  name: 'Night desk',
  role: 'editor',
  authorSlug: null,
};

/** A caller whose Store keeps what the audit trail is asked to record. */
function callerRecording(principal: Principal | null = editor) {
  const recorded: AuditEntryInput[] = [];
  const store = {
    audit: {
      record: async (entry: AuditEntryInput) => {
        recorded.push(entry);
        return { ...entry, id: crypto.randomUUID(), at: new Date().toISOString() } as AuditEntry;
      },
    },
  } as unknown as Store;
  return { ctx: { store, principal, clientAddress: '203.0.113.9' }, recorded };
}

describe('the audit trail of editorial and token writes', () => {
  it('records an article publish by the token, from its address, naming the article', async () => {
    const { ctx, recorded } = callerRecording();
    const id = crypto.randomUUID();
    await recordMutation(
      ctx,
      'article.publish',
      { id, version: 3 },
      { id, slug: 'flood-defences', version: 4 },
    );
    expect(recorded).toEqual([
      {
        actor: { kind: 'token', id: editor.tokenId, name: 'Night desk' },
        action: 'article.publish',
        objectType: 'article',
        objectId: id,
        address: '203.0.113.9',
        detail: { slug: 'flood-defences', version: '4' },
      },
    ]);
  });

  it('names a created article by the id in the result, and a schedule by its time', async () => {
    const { ctx, recorded } = callerRecording();
    const id = crypto.randomUUID();
    await recordMutation(ctx, 'article.create', { headline: 'Storm' }, { id, slug: 'storm', version: 1 });
    await recordMutation(ctx, 'article.schedule', { id, version: 1, at: '2027-01-01T06:00:00.000Z' }, { id });
    expect(recorded.map((e) => [e.action, e.objectId, e.detail])).toEqual([
      ['article.create', id, { slug: 'storm', version: '1' }],
      ['article.schedule', id, { scheduledFor: '2027-01-01T06:00:00.000Z' }],
    ]);
  });

  it('records a created token by its id and name, never its secret', async () => {
    const { ctx, recorded } = callerRecording();
    const tokenId = crypto.randomUUID();
    const secret = 'nr_theSecretThatIsShownOnlyOnce0000000000';
    await recordMutation(
      ctx,
      'token.create',
      { name: 'Importer', role: 'author' },
      { token: secret, principal: { tokenId, name: 'Importer', role: 'author', authorSlug: null } },
    );
    expect(recorded[0]).toMatchObject({
      action: 'token.create',
      objectType: 'token',
      objectId: tokenId,
      detail: { name: 'Importer', role: 'author' },
    });
    expect(JSON.stringify(recorded)).not.toContain(secret);
  });

  it('records comment moderation with the decision, and tag merges with where they went', async () => {
    const { ctx, recorded } = callerRecording();
    const id = crypto.randomUUID();
    await recordMutation(ctx, 'comment.moderate', { id, status: 'spam' }, { id, status: 'spam' });
    await recordMutation(ctx, 'tag.merge', { from: 'kyiv', into: 'ukraine' }, { slug: 'ukraine' });
    expect(recorded.map((e) => [e.action, e.objectType, e.objectId, e.detail])).toEqual([
      ['comment.moderate', 'comment', id, { status: 'spam' }],
      ['tag.merge', 'tag', 'kyiv', { into: 'ukraine' }],
    ]);
  });

  it('records comments decided together one entry each, only those the call changed', async () => {
    const { ctx, recorded } = callerRecording();
    const [a, b, gone] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await recordMutation(
      ctx,
      'comment.moderateMany',
      { ids: [a, gone, b], status: 'rejected' },
      {
        comments: [
          { id: a, status: 'rejected' },
          { id: b, status: 'rejected' },
        ],
        notFound: [gone],
      },
    );
    expect(recorded.map((e) => [e.objectType, e.objectId, e.detail])).toEqual([
      ['comment', a, { status: 'rejected', together: true }],
      ['comment', b, { status: 'rejected', together: true }],
    ]);
  });

  it('records nothing for reads, a reader comment, or procedures that record their own entries', async () => {
    const { ctx, recorded } = callerRecording(null);
    for (const path of ['article.list', 'comment.create', 'user.invite', 'settings.update', 'auth.signIn']) {
      expect(isAuditedMutation(path), path).toBe(false);
      await recordMutation(ctx, path, {}, {});
    }
    expect(recorded).toEqual([]);
  });

  it('covers every editorial write the issue names', () => {
    const paths = [
      ...['create', 'update', 'publish', 'schedule', 'unpublish', 'archive', 'delete', 'restore'].map(
        (name) => `article.${name}`,
      ),
      'article.addCorrection',
      'comment.moderate',
      'token.create',
      'token.revoke',
    ];
    expect(paths.filter((path) => !isAuditedMutation(path))).toEqual([]);
  });

  it('reads only plain fields of the input: a hostile object gives no id rather than a wrong one', async () => {
    const { ctx, recorded } = callerRecording();
    await recordMutation(ctx, 'article.delete', JSON.parse('{"__proto__":{"id":"x"}}'), undefined);
    expect(recorded[0]?.objectId).toBeNull();
  });
});
