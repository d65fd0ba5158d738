import { AuthorSchema } from '@newsroom/domain';
import type { TRPCRouterRecord } from '@trpc/server';
import { authorAnswers } from '../openapi/answers.js';
import { taxonomyProcedures } from './taxonomy.js';

export const authorRouter = {
  ...taxonomyProcedures({
    noun: 'author',
    repository: (store) => store.authors,
    schema: AuthorSchema.strict(),
    answers: authorAnswers,
  }),
} satisfies TRPCRouterRecord;
