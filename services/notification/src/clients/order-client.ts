import { USER_ID_HEADER, type ServiceInvoker } from '@gomall/kit';
import type { OrderForMail } from '../domain/order-mail';

/** The order service as the notification service asks it (docs/internal-api.md). */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The customer's order, read as that customer (the order service checks ownership). */
  get(orderId: string, userId: string): Promise<OrderForMail> {
    return this.invoker.call<OrderForMail>('GET', `/orders/${encodeURIComponent(orderId)}`, {
      headers: { [USER_ID_HEADER]: userId },
    });
  }
}
