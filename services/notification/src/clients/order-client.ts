import { orderOperations, type Order } from '@gomall/contracts';
import { USER_ID_HEADER, type ServiceInvoker } from '@gomall/kit';

/** The order service as the notification service asks it (docs/internal-api.md). */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The customer's order, read as that customer (the order service checks ownership). */
  get(orderId: string, userId: string): Promise<Order> {
    return this.invoker.invoke(orderOperations.get, {
      params: { id: orderId },
      headers: { [USER_ID_HEADER]: userId },
    });
  }
}
