import { SectionSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { taxonomyProcedures } from './taxonomy.js';

export const sectionRouter = {
  ...taxonomyProcedures({
    noun: 'section',
    repository: (store) => store.sections,
    schema: SectionSchema.strict(),
  }),
} satisfies TRPCRouterRecord;
