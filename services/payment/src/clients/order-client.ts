import { orderOperations, type OrderStatusView } from '@gomall/contracts';
import { AppError, type ServiceInvoker } from '@gomall/kit';

/** The order service as the payment service asks it (docs/internal-api.md). */
export class OrderClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The order's status as its owner knows it; undefined when there is no such order. */
  async status(orderId: string): Promise<OrderStatusView | undefined> {
    try {
      return await this.invoker.invoke(orderOperations.status, { params: { id: orderId } });
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    }
  }
}
