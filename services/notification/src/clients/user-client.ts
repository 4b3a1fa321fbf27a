import { userOperations, type Contact } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/** The user service as the notification service asks it (docs/internal-api.md). */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** Where to write to a customer. A 404 (a deleted account) is thrown as it came. */
  contact(userId: string): Promise<Contact> {
    return this.invoker.invoke(userOperations.contact, { params: { id: userId } });
  }
}
