import type { ServiceInvoker } from '@gomall/kit';

export interface ReleaseResult {
  orderId: string;
  status: 'released' | 'none';
}

/** The product service's stock reservations as the order service uses them. */
export class ProductClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** Reserved units go back; committed units return to on-hand. Idempotent. */
  release(orderId: string): Promise<ReleaseResult> {
    return this.invoker.call('POST', `/reservations/${encodeURIComponent(orderId)}/release`);
  }
}
