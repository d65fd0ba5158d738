import { z } from 'zod';
import { ArticleSchema, TimestampSchema } from './article.js';
import { EventTypeSchema, type NewsroomEvent, NewsroomEventSchema } from './events.js';
import { limits } from './limits.js';
import { CursorSchema, PageLimitSchema } from './pagination.js';

/**
 * Webhooks: endpoints outside Newsroom that receive the events they asked for, signed as the
 * Standard Webhooks specification says. Admins see an endpoint's settings and its deliveries,
 * never its secret (shown once, at creation).
 */

const eventTypeList = z
  .array(EventTypeSchema)
  .min(1, 'name at least one event type')
  .refine((types) => new Set(types).size === types.length, { message: 'event types must not repeat' });

/** An endpoint's address: http or https, a host, no credentials in it. */
export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'a webhook address is an http:// or https:// URL' })
  .max(limits.url, `a webhook address has at most ${limits.url} characters`)
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), {
    message: 'a webhook address must not carry a user name or password',
  });

export const WebhookDescriptionSchema = z
  .string()
  .trim()
  .max(limits.webhookDescription, `a description has at most ${limits.webhookDescription} characters`);

export const WebhookSchema = z.object({
  id: z.uuid(),
  url: WebhookUrlSchema,
  description: z.string(),
  eventTypes: z.array(EventTypeSchema),
  enabled: z.boolean(),
  /** Why it was disabled (by Newsroom after a day of failures, or by an admin); null while enabled. */
  disabledReason: z.string().nullable(),
  /** The first failure of the current run of failures; null after a success. */
  failingSince: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const CreateWebhookInputSchema = z
  .object({
    url: WebhookUrlSchema,
    eventTypes: eventTypeList,
    description: WebhookDescriptionSchema.default(''),
  })
  .strict();
export type CreateWebhookInput = z.input<typeof CreateWebhookInputSchema>;

export const UpdateWebhookInputSchema = z
  .object({
    id: z.uuid(),
    url: WebhookUrlSchema.optional(),
    eventTypes: eventTypeList.optional(),
    description: WebhookDescriptionSchema.optional(),
    /** true re-enables a disabled endpoint (its failures forgotten); false disables it. */
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInputSchema>;

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export const WebhookDeliveryStatusSchema = z.enum(webhookDeliveryStatuses);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatusSchema>;

/** One try at sending a delivery: when, the answer's status (null: none came), and how long it took. */
export const WebhookAttemptSchema = z.object({
  at: TimestampSchema,
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int().min(0),
  /** Why it failed when no answer came (refused address, timeout, connection error); null otherwise. */
  error: z.string().nullable(),
  /** The first bytes of the answer, as text. */
  response: z.string(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** One event for one endpoint: its id is the `webhook-id` of every attempt. */
export const WebhookDeliverySchema = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  eventId: z.string(),
  eventType: EventTypeSchema,
  status: WebhookDeliveryStatusSchema,
  createdAt: TimestampSchema,
  /** When it is tried next; null once delivered or given up. */
  nextAttemptAt: TimestampSchema.nullable(),
  /** Oldest first. */
  attempts: z.array(WebhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveriesInputSchema = z
  .object({
    webhookId: z.uuid(),
    status: WebhookDeliveryStatusSchema.optional(),
    cursor: CursorSchema.optional(),
    limit: PageLimitSchema,
  })
  .strict();
export type WebhookDeliveriesInput = z.input<typeof WebhookDeliveriesInputSchema>;

/**
 * The wait after each failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (the schedule of
 * the Standard Webhooks authors). After the last, the delivery is given up.
 */
export const webhookRetryDelaysMs = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
] as const;

/** An endpoint that has failed every attempt for this long is disabled. */
export const webhookDisableAfterMs = 86_400_000;

/**
 * When to try again after the failed attempt number `failed` (1 for the first try), or null to
 * give up.
 */
export function webhookRetryAt(failed: number, now: Date): Date | null {
  const delay = webhookRetryDelaysMs[failed - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** The story an article or comment event is about, as it was when its deliveries were planned. */
export const WebhookStorySchema = ArticleSchema.pick({
  id: true,
  slug: true,
  headline: true,
  standfirst: true,
  status: true,
  section: true,
  tags: true,
  authors: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
  scheduledFor: true,
});
export type WebhookStory = z.infer<typeof WebhookStorySchema>;

/**
 * A delivery's body, in the Standard Webhooks shape: the event's type and time, and as data the
 * event with the story's summary (null for events about no story, and for a story since deleted)
 * and its address on the site.
 */
export const WebhookPayloadSchema = z.object({
  type: EventTypeSchema,
  timestamp: TimestampSchema,
  data: z.object({
    event: NewsroomEventSchema,
    story: WebhookStorySchema.extend({ url: z.url() }).nullable(),
  }),
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

export function webhookPayload(
  event: NewsroomEvent,
  story: WebhookStory | null,
  siteUrl: string,
): WebhookPayload {
  const site = siteUrl.replace(/\/+$/, '');
  return {
    type: event.type,
    timestamp: event.at,
    data: {
      event,
      story: story && { ...story, url: `${site}/articles/${encodeURIComponent(story.slug)}` },
    },
  };
}
