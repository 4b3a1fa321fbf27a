import { z } from 'zod';

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

export interface Address {
  name: string;
  street: string;
  city: string;
  zipCode: string;
  country: string;
  state?: string;
}

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

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Ten million dollars: far above any real cart, and safely inside the column's range. */
export const MAX_TOTAL_CENTS = 1_000_000_000;

const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id');
const text = (max: number) => z.string().trim().min(1).max(max);

const addressSchema = z.strictObject({
  name: text(200),
  street: text(200),
  city: text(100),
  zipCode: text(20),
  country: text(56),
  state: text(100).optional(),
});

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
  email: z.email().max(254).optional(),
});
export type CreateOrder = z.infer<typeof createOrderBodySchema>;
/** An order to store: the caller's address and lines priced from the reservation. */
export type PricedOrder = Omit<CreateOrder, 'items'> & { items: OrderLine[] };

export const markPaidBodySchema = z.strictObject({ paymentId: id });
export const markCancelledBodySchema = z.strictObject({ reason: text(200) });
export const orderIdParams = z.object({ id });

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const listQuerySchema = z.strictObject({
  page: wholeNumber(1, 1_000_000).default(1),
  pageSize: wholeNumber(1, 100).default(20),
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
