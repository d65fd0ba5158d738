import { getTRPCErrorShape, type TRPCError } from '@trpc/server';
import type { Context } from './context.js';
import { typeOf } from './procedures.js';
import { appRouter } from './root.js';

/**
 * tRPC's error shape for a failure raised outside a procedure (a refused request, an unknown
 * route, a direct query), made by the router's own error formatter (trpc.ts), so it reads exactly
 * like a procedure's failure. tRPC exports getTRPCErrorShape but offers the formatter only
 * through the router's internal `_def._config`: this is the one place that reads it, and
 * error-shape.test.ts fails loudly if a tRPC upgrade moves it.
 */
export function errorShapeOf(error: TRPCError, path: string | undefined, ctx?: Context) {
  return getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: path ? (typeOf(path) ?? 'unknown') : 'unknown',
    path,
    input: undefined,
    ctx,
  });
}
