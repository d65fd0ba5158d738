import { type ArticleDraft, ArticleDraftSchema } from '@newsroom/domain';
import { expect } from 'vitest';

/** Asserts the draft is one the Store's import takes: it parses with the domain's draft schema as it is. */
export function expectStoreAccepts(draft: ArticleDraft): void {
  const parsed = ArticleDraftSchema.safeParse(draft);
  const failures = parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
  expect(failures).toEqual([]);
  expect(parsed.data).toEqual(draft);
}
