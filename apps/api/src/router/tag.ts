import { TagSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { tagAnswers } from '../openapi/answers.js';
import { taxonomyProcedures } from './taxonomy.js';

export const tagRouter = {
  ...taxonomyProcedures({
    noun: 'tag',
    repository: (store) => store.tags,
    schema: TagSchema.strict(),
    answers: tagAnswers,
  }),
} satisfies TRPCRouterRecord;
