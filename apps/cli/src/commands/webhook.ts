import { CreateWebhookInputSchema } from '@newsroom/domain';
import { privateHostOf } from '@newsroom/ingest';
import { type Command, UsageError } from './command.js';

const list = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

/** `webhook add` and `webhook list`: the admin's webhook.create and webhook.list, for operators. */
export const webhookCommand: Command = {
  options: {
    url: { type: 'string' },
    events: { type: 'string' },
    description: { type: 'string' },
  },
  prepare({ values, positionals }) {
    const [action] = positionals;
    if (action === 'add' && positionals.length === 1) {
      const input = CreateWebhookInputSchema.parse({
        url: values.url,
        eventTypes: list(values.events),
        ...(typeof values.description === 'string' ? { description: values.description } : {}),
      });
      return async ({ store, io, webhookAllowPrivate }) => {
        const host = webhookAllowPrivate ? null : privateHostOf(input.url);
        if (host !== null) {
          io.err(
            `webhook add: ${host} is a private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to deliver inside your own network`,
          );
          return 2;
        }
        const { webhook, secret } = await store.webhooks.create(input, {
          actor: { tokenId: null, name: 'newsroom command' },
        });
        io.out(`Added webhook ${webhook.id} for ${webhook.eventTypes.join(', ')} to ${webhook.url}.`);
        io.out(
          'Its signing secret, for the receiver to verify deliveries; copy it now, it is not shown again:',
        );
        io.out(secret);
        return 0;
      };
    }
    if (action === 'list' && positionals.length === 1) {
      return async ({ store, io }) => {
        const webhooks = await store.webhooks.list();
        if (webhooks.length === 0) io.out('No webhooks.');
        for (const webhook of webhooks) {
          const state = webhook.enabled ? 'enabled' : `disabled: ${webhook.disabledReason ?? 'by an admin'}`;
          io.out(`${webhook.id}  ${webhook.url}  ${webhook.eventTypes.join(',')}  (${state})`);
        }
        return 0;
      };
    }
    throw new UsageError(
      'use "webhook add --url URL --events article.published,article.updated [--description TEXT]" or "webhook list"',
    );
  },
};
