import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors.js';
import { observedStore } from './observed-store.js';
import { openStore } from './open-store.js';

describe('observedStore', () => {
  it('reports each repository call with its name, its duration and whether it failed, and answers as the Store does', async () => {
    const calls: { operation: string; seconds: number; failed: boolean; args: readonly unknown[] }[] = [];
    const inner = await openStore(':memory:');
    const store = observedStore(inner, (operation, seconds, failed, args) =>
      calls.push({ operation, seconds, failed, args }),
    );

    await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 0 });
    expect(await store.sections.bySlug('world')).toMatchObject({ name: 'World' });
    expect(await store.articleCount()).toBe(0);
    const refused = await store.articles.delete('no-such-id', 1).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotFoundError);

    expect(calls.map(({ operation, failed }) => [operation, failed])).toEqual([
      ['sections.upsert', false],
      ['sections.bySlug', false],
      ['articleCount', false],
      ['articles.delete', true],
    ]);
    for (const { seconds } of calls) expect(seconds).toBeGreaterThanOrEqual(0);
    expect(calls[1]?.args).toEqual(['world']);
    // The same function each time, so callers that keep a method keep working.
    expect(store.sections.bySlug).toBe(store.sections.bySlug);
    await store.close();
  });

  it('leaves the change feed alone: subscribing is not a query', async () => {
    const operations: string[] = [];
    const store = observedStore(await openStore(':memory:'), (operation) => operations.push(operation));
    const unsubscribe = store.changes.subscribe(() => {});
    unsubscribe();
    await store.close();
    expect(operations).toEqual([]);
  });
});
