import { describe, expect, it } from 'vitest';
import { ActorSchema, ArticleRevisionSchema, revisionKinds, systemActor } from './revision.js';
import { article } from './testing/fixtures.js';

const revision = {
  id: '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11',
  articleId: article().id,
  version: 1,
  kind: 'created',
  createdAt: '2025-03-01T09:00:00.000Z',
  actor: { tokenId: '5f0c7a3e-1b2d-4c5e-8f90-a1b2c3d4e5f6', name: 'Desk editor' },
  snapshot: article(),
};

describe('ArticleRevisionSchema', () => {
  it('accepts a revision with its actor and the article as it was', () => {
    expect(ArticleRevisionSchema.parse(revision)).toEqual(revision);
    expect(ArticleRevisionSchema.parse({ ...revision, kind: 'restored', actor: systemActor }).actor).toEqual(
      systemActor,
    );
  });

  it('refuses an unknown kind, a version below 1 and an invalid snapshot', () => {
    expect(ArticleRevisionSchema.safeParse({ ...revision, kind: 'deleted' }).success).toBe(false);
    expect(ArticleRevisionSchema.safeParse({ ...revision, version: 0 }).success).toBe(false);
    expect(
      ArticleRevisionSchema.safeParse({ ...revision, snapshot: { ...article(), headline: '' } }).success,
    ).toBe(false);
  });

  it('knows the kinds of change the Store records', () => {
    expect(revisionKinds).toEqual(['created', 'updated', 'status', 'corrected', 'restored']);
  });
});

describe('actors', () => {
  it('the system acts without a token', () => {
    expect(systemActor).toEqual({ tokenId: null, name: 'system' });
    expect(ActorSchema.parse(systemActor)).toEqual(systemActor);
  });

  it('need a name, and a token id that is a uuid when there is one', () => {
    expect(ActorSchema.safeParse({ tokenId: null, name: '' }).success).toBe(false);
    expect(ActorSchema.safeParse({ tokenId: 'token-1', name: 'Desk' }).success).toBe(false);
  });
});
