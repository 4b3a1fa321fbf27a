import { z } from 'zod';

const subjectId = z.string().min(1).max(64);

/** `user.registered`, `user.deleted`. */
export const userEventPayload = z.object({ userId: subjectId });

/** `order.created`, `order.paid`, `order.cancelled`, `order.refunded`, `order.shipped`. */
export const orderEventPayload = z.object({
  orderId: subjectId,
  userId: subjectId,
  totalCents: z.number().int().min(0),
});
export type OrderEventPayload = z.infer<typeof orderEventPayload>;
