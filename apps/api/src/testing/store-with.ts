import type {
  ArticleRepository,
  MediaRepository,
  Store,
  TokenRepository,
  WebhookRepository,
} from '@newsroom/db';

function override<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, name) {
      if (Object.hasOwn(replaced, name)) return replaced[name as keyof T];
      const value = Reflect.get(object, name);
      // Bound to the real object, so its private fields still work.
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** A real Store with some methods replaced: to make it fail, or wait, where a test needs it. */
export function storeWith(
  store: Store,
  replaced: {
    ping?: Store['ping'];
    articles?: Partial<ArticleRepository>;
    tokens?: Partial<TokenRepository>;
    media?: Partial<MediaRepository>;
    webhooks?: Partial<WebhookRepository>;
  },
): Store {
  const { articles, tokens, media, webhooks, ...own } = replaced;
  return override(store, {
    ...own,
    ...(articles ? { articles: override(store.articles, articles) } : {}),
    ...(tokens ? { tokens: override(store.tokens, tokens) } : {}),
    ...(media ? { media: override(store.media, media) } : {}),
    ...(webhooks ? { webhooks: override(store.webhooks, webhooks) } : {}),
  });
}
