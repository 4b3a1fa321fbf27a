import { z } from 'zod';

/** Pub/sub topics, defined once for publishers and subscribers. */
export const TOPICS = {
  userRegistered: 'user.registered',
  userDeleted: 'user.deleted',
  orderCreated: 'order.created',
  orderPaid: 'order.paid',
  orderCancelled: 'order.cancelled',
  orderRefunded: 'order.refunded',
  orderShipped: 'order.shipped',
  paymentSucceeded: 'payment.succeeded',
  paymentFailed: 'payment.failed',
  paymentRefunded: 'payment.refunded',
  stockLow: 'stock.low',
  /** Where daprd moves messages a subscriber dropped as poison (any payload; read by people). */
  deadLetter: 'deadletter',
} as const;

const subjectId = z.string().min(1).max(64);
const cents = z.number().int().min(0);

/** `user.registered`, `user.deleted`. */
const userEventSchema = z.object({ userId: subjectId });

/** `order.created`, `order.paid`, `order.cancelled`, `order.refunded`, `order.shipped`. */
export const orderEventSchema = z.object({
  orderId: subjectId,
  userId: subjectId,
  totalCents: cents,
});
export type OrderEventPayload = z.infer<typeof orderEventSchema>;

/** `payment.succeeded`, `payment.failed`, `payment.refunded`. */
const paymentEventSchema = z.object({
  paymentId: subjectId,
  orderId: subjectId,
  amountCents: cents,
});

/** `stock.low`: what can still be bought of the product fell to the threshold. */
const stockLowSchema = z.object({ productId: subjectId, available: z.number().int().min(0) });

/**
 * Each topic's payload: what `Outbox.add` accepts for the topic (a wrong payload does not compile)
 * and what the topic's subscribers parse (a payload that fails goes to the dead-letter topic).
 */
export const EVENT_SCHEMAS = {
  [TOPICS.userRegistered]: userEventSchema,
  [TOPICS.userDeleted]: userEventSchema,
  [TOPICS.orderCreated]: orderEventSchema,
  [TOPICS.orderPaid]: orderEventSchema,
  [TOPICS.orderCancelled]: orderEventSchema,
  [TOPICS.orderRefunded]: orderEventSchema,
  [TOPICS.orderShipped]: orderEventSchema,
  [TOPICS.paymentSucceeded]: paymentEventSchema,
  [TOPICS.paymentFailed]: paymentEventSchema,
  [TOPICS.paymentRefunded]: paymentEventSchema,
  [TOPICS.stockLow]: stockLowSchema,
};
/** A topic with a payload of its own (every topic but the dead letter). */
export type EventTopic = keyof typeof EVENT_SCHEMAS;
export type EventPayload<T extends EventTopic> = z.infer<(typeof EVENT_SCHEMAS)[T]>;

/** The topics of an order's life (each with `orderEventSchema`). */
export type OrderTopic = (typeof TOPICS)[
  'orderCreated' | 'orderPaid' | 'orderCancelled' | 'orderRefunded' | 'orderShipped'];

/** The topics of a payment's outcome (each with its `paymentEventSchema`). */
export type PaymentTopic = (typeof TOPICS)[
  'paymentSucceeded' | 'paymentFailed' | 'paymentRefunded'];
