import { articleRouter } from './router/article.js';
import { authorRouter } from './router/author.js';
import { commentRouter } from './router/comment.js';
import { redirectRouter } from './router/redirect.js';
import { sectionRouter } from './router/section.js';
import { tagRouter } from './router/tag.js';
import { tokenRouter } from './router/token.js';
import { createCallerFactory, createTRPCRouter } from './trpc.js';

export const appRouter = createTRPCRouter({
  article: articleRouter,
  tag: tagRouter,
  section: sectionRouter,
  author: authorRouter,
  comment: commentRouter,
  redirect: redirectRouter,
  token: tokenRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
