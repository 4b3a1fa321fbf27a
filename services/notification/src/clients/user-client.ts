import type { ServiceInvoker } from '@gomall/kit';
import type { Recipient } from '../domain/order-mail';

/** The user service as the notification service asks it (docs/internal-api.md). */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** Where to write to a customer. A 404 (a deleted account) is thrown as it came. */
  contact(userId: string): Promise<Recipient> {
    return this.invoker.call<Recipient>('GET', `/users/${encodeURIComponent(userId)}/contact`);
  }
}
