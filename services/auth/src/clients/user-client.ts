import { userOperations } from '@gomall/contracts';
import { AppError, USER_ID_HEADER, type ServiceInvoker } from '@gomall/kit';

export interface VerifiedUser {
  id: string;
  roles: string[];
}

/** The user service as auth sees it (answers checked against the contracts outside production). */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  /** The user the credentials belong to; the user service's 401 is relayed unchanged. */
  async verifyCredentials(email: string, password: string): Promise<VerifiedUser> {
    const answer = await this.invoker.invoke(userOperations.verifyCredentials, {
      body: { email, password },
    });
    return { id: answer.user.id, roles: answer.user.roles };
  }

  /** The user as the user service knows them now; undefined when the account is gone or banned. */
  async current(userId: string): Promise<VerifiedUser | undefined> {
    try {
      const user = await this.invoker.invoke(userOperations.me, {
        headers: { [USER_ID_HEADER]: userId },
      });
      return { id: user.id, roles: user.roles };
    } catch (error) {
      if (
        error instanceof AppError &&
        (error.status === 401 || error.status === 403 || error.status === 404)
      ) {
        return undefined;
      }
      throw error;
    }
  }
}
