import { accountRouter } from './router/account.js';
import { articleRouter } from './router/article.js';
import { auditRouter } from './router/audit.js';
import { authRouter } from './router/auth.js';
import { authorRouter } from './router/author.js';
import { commentRouter } from './router/comment.js';
import { eventRouter } from './router/event.js';
import { mediaRouter } from './router/media.js';
import { previewRouter } from './router/preview.js';
import { redirectRouter } from './router/redirect.js';
import { sectionRouter } from './router/section.js';
import { settingsRouter } from './router/settings.js';
import { tagRouter } from './router/tag.js';
import { tokenRouter } from './router/token.js';
import { userRouter } from './router/user.js';
import { webhookRouter } from './router/webhook.js';
import { createCallerFactory, createTRPCRouter } from './trpc.js';

export const appRouter = createTRPCRouter({
  article: articleRouter,
  tag: tagRouter,
  section: sectionRouter,
  author: authorRouter,
  comment: commentRouter,
  redirect: redirectRouter,
  token: tokenRouter,
  auth: authRouter,
  account: accountRouter,
  user: userRouter,
  settings: settingsRouter,
  audit: auditRouter,
  preview: previewRouter,
  media: mediaRouter,
  event: eventRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
