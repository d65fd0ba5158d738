import { privateHostOf } from '@newsroom/ingest/public-fetch';

/**
 * Why an endpoint's address is refused when an admin gives it, or null. An address written as
 * an IP, or a local name, is judged here; any other name is looked up as each delivery connects
 * (publicFetch), so one that leads inside is refused then, and that attempt says why.
 */
export function refusedWebhookAddress(url: string, allowPrivate: boolean): string | null {
  const host = allowPrivate ? null : privateHostOf(url);
  return host === null
    ? null
    : `${host} is a private or loopback address: webhooks go to the public internet (WEBHOOK_ALLOW_PRIVATE=true allows your own network)`;
}
