import { addressSchema, email, idOf, pageQueryShape, text, type Address } from '@gomall/contracts';
import { z } from 'zod';

export type { Address, Page } from '@gomall/contracts';

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order as the API shows it (shared/api.md `Order`). */
export interface Order {
  id: string;
  status: OrderStatus;
  items: OrderLine[];
  totalCents: number;
  currency: 'USD';
  address: Address;
  createdAt: string;
  updatedAt: string;
}

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
  email: email.optional(),
});
export type CreateOrder = z.infer<typeof createOrderBodySchema>;
/** An order to store: the caller's address and lines priced from the reservation. */
export type PricedOrder = Omit<CreateOrder, 'items'> & { items: OrderLine[] };

export const markPaidBodySchema = z.strictObject({ paymentId: id });
export const markCancelledBodySchema = z.strictObject({ reason: text(200) });
export const orderIdParams = z.object({ id });

export const listQuerySchema = z.strictObject({
  page: pageQueryShape.page.default(1),
  pageSize: pageQueryShape.pageSize.default(20),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** Admins' search: by status and by creation time (`from` inclusive, `to` exclusive). */
export const adminSearchQuerySchema = z
  .strictObject({
    ...listQuerySchema.shape,
    status: z.enum(ORDER_STATUSES).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AdminSearchQuery = z.infer<typeof adminSearchQuerySchema>;

export const changeAddressBodySchema = z.strictObject({ address: addressSchema });

/** An order's address may change until it ships (a cancelled or refunded one is final). */
export const ADDRESS_CHANGEABLE: readonly OrderStatus[] = ['pending', 'paid'];

/** One entry of an order's address history. */
export interface AddressChange {
  changedAt: string;
  changedBy: string;
  byAdmin: boolean;
  from: Address;
  to: Address;
}

export const totalOf = (lines: OrderLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);

/** Pending orders created before this instant have outlived the reservation window. */
export const expiryCutoff = (now: Date, windowSeconds: number): Date =>
  new Date(now.getTime() - windowSeconds * 1000);
