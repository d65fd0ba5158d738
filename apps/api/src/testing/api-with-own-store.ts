import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import type { ApiConfig } from '../config.js';
import { startTestApi, type TestApi } from './start-test-api.js';

export interface ApiWithOwnStore extends TestApi {
  store: Store;
}

/**
 * The test API over a Store of its own in memory, for tests that need nothing else: with
 * `articles`, seeded with the sample newsroom and that many generated stories. Closing it closes
 * the Store too.
 */
export async function startApiWithOwnStore(
  options: { articles?: number; seed?: number; config?: Partial<ApiConfig> } = {},
): Promise<ApiWithOwnStore> {
  const store = await openStore(':memory:');
  if (options.articles !== undefined)
    await seedIfEmpty(store, { count: options.articles, seed: options.seed ?? 1 });
  const api = await startTestApi(store, options.config);
  return {
    store,
    url: api.url,
    app: api.app,
    async close() {
      await api.close();
      await store.close();
    },
  };
}
