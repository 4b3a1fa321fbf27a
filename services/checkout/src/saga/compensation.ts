import type { OrderOrPlaceholder } from '@gomall/contracts';
import type { SagaData } from '../domain/saga-data';
import type { StepServices } from './step';

/** The Idempotency-Key suffix of the saga's one compensation. */
const CANCEL_ORDER = 'cancel-order';

/**
 * The saga's one undo, whatever acted: the order service cancels the order (recording a
 * cancelled one when none was created yet, so a late create-order is refused) and announces
 * `order.cancelled`, on which the product service releases the reservation (leaving a released
 * marker that refuses a late reserve) and the payment service refunds the charge or voids the
 * order's payment (which refuses a late charge). The saga never releases or refunds itself, so
 * each undo has exactly one owner. Answers the order as it ends up.
 */
export function cancelOrder(
  services: StepServices,
  data: SagaData,
  reason: string,
): Promise<OrderOrPlaceholder> {
  return services.orders.markCancelled(data.orderId, reason, `${data.orderId}:${CANCEL_ORDER}`);
}

/** A cancel that met a paid (or shipped) order: the charge went through and the order is final. */
export const isFinalPaid = (status: string): boolean => status === 'paid' || status === 'shipped';
