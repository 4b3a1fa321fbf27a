import type { ServiceInvoker } from '@gomall/kit';

export interface VerifiedUser {
  id: string;
  roles: string[];
}

/** The user service as auth sees it: the credential check. */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The user the credentials belong to; the user service's 401 is relayed unchanged. */
  async verifyCredentials(email: string, password: string): Promise<VerifiedUser> {
    const answer = await this.invoker.call<{ user: VerifiedUser }>('POST', '/credentials/verify', {
      body: { email, password },
    });
    return { id: answer.user.id, roles: answer.user.roles };
  }
}
