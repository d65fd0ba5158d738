import { SectionSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { sectionAnswers } from '../openapi/answers.js';
import { taxonomyProcedures } from './taxonomy.js';

export const sectionRouter = {
  ...taxonomyProcedures({
    noun: 'section',
    repository: (store) => store.sections,
    schema: SectionSchema.strict(),
    answers: sectionAnswers,
  }),
} satisfies TRPCRouterRecord;
