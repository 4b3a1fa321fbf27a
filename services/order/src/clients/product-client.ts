import { productOperations, type ReleaseAnswer, type ReservationView } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/** The product service's stock reservations as the order service uses them. */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The reservation of an order: its lines priced by the catalog when they were reserved. */
  reservation(orderId: string): Promise<ReservationView> {
    return this.invoker.invoke(productOperations.reservation, { params: { orderId } });
  }

  /** Reserved units go back; committed units return to on-hand. Idempotent per order id. */
  release(orderId: string): Promise<ReleaseAnswer> {
    return this.invoker.invoke(productOperations.release, {
      params: { orderId },
      idempotencyKey: `${orderId}:release`,
    });
  }
}
