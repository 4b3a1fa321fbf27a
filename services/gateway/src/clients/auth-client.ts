import { randomUUID } from 'node:crypto';
import { authOperations, type LoginBody, type TokenPair } from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * The auth service as the gateway sees it: logins, refresh, logout, revocation of the caller.
 * A login and a refresh carry a fresh Idempotency-Key per call, so a repeat of that call (never
 * reused for another one, never guessable) replays the first answer instead of opening a second
 * login or being taken for refresh-token reuse.
 */
export class AuthClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  login(credentials: LoginBody): Promise<TokenPair> {
    return this.invoker.invoke(authOperations.login, {
      body: credentials,
      idempotencyKey: randomUUID(),
    });
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.invoker.invoke(authOperations.refresh, {
      body: { refreshToken },
      idempotencyKey: randomUUID(),
    });
  }

  logout(sessionId: string, refreshToken?: string): Promise<void> {
    return this.invoker.invoke(authOperations.logout, { body: { sessionId, refreshToken } });
  }

  /** Ends the caller's other logins (after a password change). */
  logoutOthers(sessionId: string): Promise<void> {
    return this.invoker.invoke(authOperations.logoutOthers, { body: { sessionId } });
  }

  /** Ends every login of the caller and every access token issued to them so far. */
  revokeCaller(): Promise<void> {
    return this.invoker.invoke(authOperations.revokeCaller);
  }

  /** An admin's ban: every login of the user and every access token issued so far end at once. */
  revokeUser(userId: string): Promise<void> {
    return this.invoker.invoke(authOperations.revokeUser, { params: { id: userId } });
  }

  /** An admin changed the user's roles: tokens already issued count with these from now on. */
  rolesChanged(userId: string, roles: string[]): Promise<void> {
    return this.invoker.invoke(authOperations.rolesChanged, {
      params: { id: userId },
      body: { roles },
    });
  }
}
