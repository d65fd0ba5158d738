// Which route answered a request, told by the pages' middleware (src/middleware.ts) to the
// server that times it (request-handler.mjs). The adapter's standalone handler passes no locals
// through, so the two meet in an AsyncLocalStorage. It is kept on globalThis because the
// middleware is bundled into dist/ with its own copy of this module: both copies must share one.
import { AsyncLocalStorage } from 'node:async_hooks';

const key = Symbol.for('newsroom.desk.requestRoute');

/** @type {AsyncLocalStorage<{ route?: string }>} */
export const requestRoute = globalThis[key] ?? new AsyncLocalStorage();
globalThis[key] = requestRoute;
