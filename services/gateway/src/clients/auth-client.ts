import { randomUUID } from 'node:crypto';
import {
  tokenPairSchema,
  type currentRolesBodySchema,
  type LoginBody,
  type logoutOthersBodySchema,
  type refreshBodySchema,
  type sessionLogoutBodySchema,
  type TokenPair,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';
import type { z } from 'zod';

/**
 * The auth service as the gateway sees it: logins, refresh, logout, revocation of the caller.
 * A login and a refresh carry a fresh Idempotency-Key per call, so a repeat of that call (never
 * reused for another one, never guessable) replays the first answer instead of opening a second
 * login or being taken for refresh-token reuse.
 */
export class AuthClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  login(credentials: LoginBody): Promise<TokenPair> {
    return this.invoker.callChecked(tokenPairSchema, 'POST', '/login', {
      body: credentials,
      idempotencyKey: randomUUID(),
    });
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.invoker.callChecked(tokenPairSchema, 'POST', '/refresh', {
      body: { refreshToken } satisfies z.input<typeof refreshBodySchema>,
      idempotencyKey: randomUUID(),
    });
  }

  logout(sessionId: string, refreshToken?: string): Promise<void> {
    return this.invoker.send('POST', '/logout', {
      body: { sessionId, refreshToken } satisfies z.input<typeof sessionLogoutBodySchema>,
    });
  }

  /** Ends the caller's other logins (after a password change). */
  logoutOthers(sessionId: string): Promise<void> {
    return this.invoker.send('POST', '/logout-others', {
      body: { sessionId } satisfies z.input<typeof logoutOthersBodySchema>,
    });
  }

  /** Ends every login of the caller and every access token issued to them so far. */
  revokeCaller(): Promise<void> {
    return this.invoker.send('POST', '/revoke-user');
  }

  /** An admin's ban: every login of the user and every access token issued so far end at once. */
  revokeUser(userId: string): Promise<void> {
    return this.invoker.send('POST', `/admin/users/${encodeURIComponent(userId)}/revoke`);
  }

  /** An admin changed the user's roles: tokens already issued count with these from now on. */
  rolesChanged(userId: string, roles: string[]): Promise<void> {
    return this.invoker.send('PUT', `/admin/users/${encodeURIComponent(userId)}/roles`, {
      body: { roles } satisfies z.input<typeof currentRolesBodySchema>,
    });
  }
}
