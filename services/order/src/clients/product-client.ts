import type { ServiceInvoker } from '@gomall/kit';

export interface ReleaseResult {
  orderId: string;
  status: 'released' | 'none';
}

interface ReservedLine {
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface ReservationView {
  orderId: string;
  status: 'reserved' | 'committed' | 'released';
  items: ReservedLine[];
}

/** The product service's stock reservations as the order service uses them. */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The reservation of an order: its lines priced by the catalog when they were reserved. */
  reservation(orderId: string): Promise<ReservationView> {
    return this.invoker.call('GET', `/reservations/${encodeURIComponent(orderId)}`);
  }

  /** Reserved units go back; committed units return to on-hand. Idempotent per order id. */
  release(orderId: string): Promise<ReleaseResult> {
    return this.invoker.call('POST', `/reservations/${encodeURIComponent(orderId)}/release`, {
      idempotencyKey: `${orderId}:release`,
    });
  }
}
