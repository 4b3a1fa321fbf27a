import {
  addressSchema,
  emailSchema,
  idOf,
  text,
  type OrderLine,
  type OrderStatus,
} from '@gomall/contracts';
import { z } from 'zod';

/** The status machine: pending → paid → shipped, pending → cancelled, paid → refunded. */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'refunded'],
  shipped: [],
  cancelled: [],
  refunded: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  TRANSITIONS[from].includes(to);

/** Ten million dollars: far above any real cart, and safely inside the column's range. */
export const MAX_TOTAL_CENTS = 1_000_000_000;

const id = idOf('an id');

export const createOrderBodySchema = z.strictObject({
  id,
  items: z
    .array(
      z.strictObject({
        productId: id,
        name: text(200),
        quantity: z.number().int().min(1).max(10_000),
        // Ignored: the order is priced from its stock reservation (the catalog), see Orders.create.
        unitPriceCents: z.number().int().min(0).max(100_000_000).optional(),
      }),
    )
    .min(1)
    .max(100),
  address: addressSchema,
  email: emailSchema.optional(),
});
export type CreateOrder = z.infer<typeof createOrderBodySchema>;
/** An order to store: the caller's address and lines priced from the reservation. */
export type PricedOrder = Omit<CreateOrder, 'items'> & { items: OrderLine[] };

export const markPaidBodySchema = z.strictObject({ paymentId: id });
export const markCancelledBodySchema = z.strictObject({ reason: text(200) });

/** An order's address may change until it ships (a cancelled or refunded one is final). */
export const ADDRESS_CHANGEABLE: readonly OrderStatus[] = ['pending', 'paid'];

export const totalOf = (lines: OrderLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);

/** Pending orders created before this instant have outlived the reservation window. */
export const expiryCutoff = (now: Date, windowSeconds: number): Date =>
  new Date(now.getTime() - windowSeconds * 1000);
