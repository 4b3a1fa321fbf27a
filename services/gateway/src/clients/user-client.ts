import { randomUUID } from 'node:crypto';
import type { ServiceInvoker } from '@gomall/kit';
import type { RegisterBody, UpdateProfileBody, User } from '../auth/identity-schemas';

/**
 * The user service as the gateway sees it. `/users/me` is the caller the invoker forwards. Changes
 * carry a fresh Idempotency-Key per call: a repeat of the call replays the first answer.
 */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  register(body: RegisterBody): Promise<{ user: User }> {
    return this.invoker.call('POST', '/users', { body, idempotencyKey: randomUUID() });
  }

  me(): Promise<User> {
    return this.invoker.call('GET', '/users/me');
  }

  update(changes: UpdateProfileBody): Promise<User> {
    return this.invoker.call('PATCH', '/users/me', { body: changes, idempotencyKey: randomUUID() });
  }

  async deleteMe(): Promise<void> {
    await this.invoker.call('DELETE', '/users/me', { idempotencyKey: randomUUID() });
  }
}
