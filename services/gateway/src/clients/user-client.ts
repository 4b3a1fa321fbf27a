import type { ServiceInvoker } from '@gomall/kit';
import type { RegisterBody, UpdateProfileBody, User } from '../auth/identity-schemas';

/** The user service as the gateway sees it. `/users/me` is the caller the invoker forwards. */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  register(body: RegisterBody): Promise<{ user: User }> {
    return this.invoker.call('POST', '/users', { body });
  }

  me(): Promise<User> {
    return this.invoker.call('GET', '/users/me');
  }

  update(changes: UpdateProfileBody): Promise<User> {
    return this.invoker.call('PATCH', '/users/me', { body: changes });
  }

  async deleteMe(): Promise<void> {
    await this.invoker.call('DELETE', '/users/me');
  }
}
