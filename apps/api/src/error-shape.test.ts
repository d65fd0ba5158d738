import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorShapeOf } from './error-shape.js';
import { type ApiWithOwnStore, startApiWithOwnStore } from './testing/api-with-own-store.js';

// errorShapeOf reads the router's error formatter through tRPC's internal `_def._config`. These
// fail if a tRPC upgrade moves it: the shape would lose the formatter's changes, or not be made.
let api: ApiWithOwnStore;
beforeAll(async () => {
  api = await startApiWithOwnStore();
});
afterAll(() => api.close());

describe('an error shape made outside a procedure', () => {
  it('is the one tRPC’s own adapter answers for the same failure', async () => {
    // A mutation sent as GET: tRPC's adapter answers it, not the API's hooks.
    const res = await fetch(`${api.url}/tag.delete?input=%7B%7D`);
    const { error } = (await res.json()) as { error: { message: string; data: { code: string } } };
    expect(error.data.code).toBe('METHOD_NOT_SUPPORTED');
    const same = new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: error.message });
    expect(errorShapeOf(same, 'tag.delete')).toEqual(error);
  });

  it('goes through the router’s error formatter: no stack, field errors, no internal message', () => {
    const shape = errorShapeOf(
      new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'at /srv/db' }),
      'tag.list',
    );
    expect(shape.message).toBe('Internal server error');
    expect(shape.data).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      httpStatus: 500,
      path: 'tag.list',
      zodError: null,
    });
  });
});
