import type { AnyTRPCProcedure } from '@trpc/server';
import { appRouter } from './root.js';

const procedures = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;

/** Whether a procedure path names a query or a mutation (undefined for an unknown path). */
export const typeOf = (path: string) => procedures[path]?._def.type;
