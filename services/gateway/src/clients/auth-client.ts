import { randomUUID } from 'node:crypto';
import type { LoginBody, TokenPair } from '@gomall/contracts';
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
    return this.invoker.call('POST', '/login', { body: credentials, idempotencyKey: randomUUID() });
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.invoker.call('POST', '/refresh', {
      body: { refreshToken },
      idempotencyKey: randomUUID(),
    });
  }

  async logout(sessionId: string, refreshToken?: string): Promise<void> {
    await this.invoker.call('POST', '/logout', { body: { sessionId, refreshToken } });
  }

  /** Ends the caller's other logins (after a password change). */
  async logoutOthers(sessionId: string): Promise<void> {
    await this.invoker.call('POST', '/logout-others', { body: { sessionId } });
  }

  /** Ends every login of the caller and every access token issued to them so far. */
  async revokeCaller(): Promise<void> {
    await this.invoker.call('POST', '/revoke-user');
  }

  /** An admin's ban: every login of the user and every access token issued so far end at once. */
  async revokeUser(userId: string): Promise<void> {
    await this.invoker.call('POST', `/admin/users/${encodeURIComponent(userId)}/revoke`);
  }

  /** An admin changed the user's roles: tokens already issued count with these from now on. */
  async rolesChanged(userId: string, roles: string[]): Promise<void> {
    await this.invoker.call('PUT', `/admin/users/${encodeURIComponent(userId)}/roles`, {
      body: { roles },
    });
  }
}
