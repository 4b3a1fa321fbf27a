import { EVENT_SCHEMAS, type EventPayload, type EventTopic } from '@gomall/contracts';
import Router from '@koa/router';
import type { z } from 'zod';
import { currentContext } from '../context';
import { toAppError } from '../http/errors-middleware';
import { sidecarRequest, type SidecarConfig } from './client';
import type { Logger } from '../logger';
import { activeSpan } from '../tracing/setup';

/** What every Gomall event carries besides its payload (CloudEvents wraps it on the wire). */
interface EventEnvelope<T> {
  requestId?: string;
  occurredAt: string;
  data: T;
}

export interface PublishOptions {
  id?: string;
  requestId?: string;
  occurredAt?: string;
}

/** A publish the sidecar has not answered by then failed; the outbox relay tries it again. */
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * daprd's publish API. Services publish through `Outbox.add`, which is typed by topic; this is the
 * outbox relay's transport, which sends stored rows as they are. Plain HTTP over the kit's pooled
 * sidecar connections, like every call to the sidecar (no SDK client: node-fetch and ≈ 40 MB of
 * RSS per process for what is one POST).
 */
export class EventPublisher {
  constructor(
    private readonly sidecar: SidecarConfig,
    private readonly pubsubName: string,
    private readonly timeoutMs = PUBLISH_TIMEOUT_MS,
  ) {}

  /**
   * `options.id` becomes the CloudEvent id (daprd's `cloudevent.id` override): a message published
   * again, by an outbox retry for instance, keeps its id, so subscribers' inboxes skip it.
   */
  async publish<T>(topic: string, data: T, options: PublishOptions = {}): Promise<void> {
    const envelope: EventEnvelope<T> = {
      requestId: options.requestId ?? currentContext()?.requestId,
      occurredAt: options.occurredAt ?? new Date().toISOString(),
      data,
    };
    const path = `/v1.0/publish/${encodeURIComponent(this.pubsubName)}/${encodeURIComponent(topic)}`;
    const query = options.id ? `?metadata.cloudevent.id=${encodeURIComponent(options.id)}` : '';
    const { status, text } = await sidecarRequest(
      this.sidecar,
      'POST',
      `${path}${query}`,
      JSON.stringify(envelope),
      this.timeoutMs,
    );
    // daprd answers 204 once the broker has the message; anything else (403 for a topic this app
    // may not publish, 404 for no such component, 500 for a broker failure) is a failed publish.
    if (status < 200 || status > 299) {
      throw new Error(`publish to ${topic} failed: ${status} ${text.slice(0, 500)}`);
    }
  }
}

/** A CloudEvent as daprd delivers it to the app. */
interface DeliveredEvent<T> {
  id: string;
  topic: string;
  type?: string;
  data: EventEnvelope<T>;
}

/** A subscriber of `topic`: its handler gets the payload parsed with the topic's schema. */
export interface TopicSubscription<T extends EventTopic = EventTopic> {
  pubsubName: string;
  topic: T;
  /** Where daprd sends a message the handler dropped, instead of blocking the topic. */
  deadLetterTopic: string;
  handle(event: DeliveredEvent<EventPayload<T>>): Promise<void>;
}

/**
 * Programmatic subscriptions: `GET /dapr/subscribe` tells daprd the topics, and each topic gets
 * a POST route. A payload that fails its topic's schema (the contracts' EVENT_SCHEMAS) is a poison
 * message and is DROPped (daprd moves it to the dead-letter topic); a failing handler answers
 * RETRY so the resiliency policy retries it.
 */
export function subscriptionRouter(subscriptions: TopicSubscription[], logger: Logger): Router {
  const router = new Router();
  const routeOf = (topic: string) => `/events/${topic.replace(/[^A-Za-z0-9]+/g, '-')}`;
  router.get('/dapr/subscribe', (ctx) => {
    ctx.body = subscriptions.map((s) => ({
      pubsubname: s.pubsubName,
      topic: s.topic,
      route: routeOf(s.topic),
      deadLetterTopic: s.deadLetterTopic,
    }));
  });
  for (const subscription of subscriptions) {
    router.post(routeOf(subscription.topic), async (ctx) => {
      const event = ctx.request.body as Partial<DeliveredEvent<unknown>> | undefined;
      // A delivery's span names its message (OpenTelemetry's messaging attributes): every
      // delivery of one event, redeliveries included, can be found by its id.
      activeSpan()?.setAttributes({
        'messaging.system': 'dapr',
        'messaging.destination.name': subscription.topic,
        ...(typeof event?.id === 'string' ? { 'messaging.message.id': event.id } : {}),
      });
      const schema: z.ZodType<EventPayload<EventTopic>> = EVENT_SCHEMAS[subscription.topic];
      const payload = schema.safeParse(event?.data?.data);
      if (!event?.id || !payload.success) {
        logger.warn({ topic: subscription.topic, eventId: event?.id }, 'dropping malformed event');
        ctx.body = { status: 'DROP' };
        return;
      }
      try {
        await subscription.handle({
          id: event.id,
          topic: subscription.topic,
          type: event.type,
          data: { ...(event.data as EventEnvelope<unknown>), data: payload.data },
        });
        ctx.body = { status: 'SUCCESS' };
      } catch (error) {
        const fields = { err: error, topic: subscription.topic, eventId: event.id };
        // A dependency that is away (503 UNAVAILABLE: the mail server, a callee, the database)
        // is what the redelivery is for: a warning. Anything else is a bug: an error.
        if (toAppError(error)?.code === 'UNAVAILABLE') {
          logger.warn(fields, 'event failed; daprd delivers it again');
        } else {
          logger.error(fields, 'event failed');
        }
        ctx.body = { status: 'RETRY' };
      }
    });
  }
  return router;
}
