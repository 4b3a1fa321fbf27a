import type { TokenPair } from '@gomall/contracts';
import { unauthenticated } from '@gomall/kit';
import { type IdempotentRequests, type UnitOfWork } from '@gomall/kit/db';
import type { UserClient } from '../clients/user-client';
import type { RevocationList } from '../data/revocation-list';
import type { SessionRepository } from '../data/session-repository';
import { hashRefreshToken, newRefreshToken, type AccessTokenIssuer } from './tokens';

const INVALID_REFRESH = 'Refresh token is invalid or expired';

/** What sessions need of the user service, the session table, idempotency and revocations. */
export type UserCalls = Pick<UserClient, 'verifyCredentials' | 'current'>;
export type SessionStore = Pick<
  SessionRepository,
  'create' | 'findRefreshToken' | 'rotate' | 'revoke' | 'revokeAllOf' | 'activeSessionsOf'
>;
export type IdempotentRuns = Pick<IdempotentRequests, 'run'>;
export type Revocations = Pick<
  RevocationList,
  'revokeSession' | 'revokeUser' | 'setCurrentRoles' | 'userRevokedAt'
>;

/**
 * Logins and their tokens. A login is a session; each refresh spends the presented refresh token
 * and hands out a new one of the same session. A spent token presented again means it was copied:
 * the whole session is revoked, so neither the thief nor the owner keeps access (reuse detection).
 * A refresh asks the user service for the user's roles again (a demoted user loses rights at the
 * next refresh, a deleted one loses the login), and no session lives past `maxAgeSec`.
 *
 * A login and a refresh take the caller's Idempotency-Key: the same key again (daprd retrying a
 * call that may have reached us, the gateway's caller trying again) answers the first token
 * pair instead of opening a second login — and a retried refresh is not taken for token reuse.
 */
export class Sessions {
  constructor(
    private readonly users: UserCalls,
    private readonly repository: SessionStore,
    private readonly requests: IdempotentRuns,
    private readonly revocations: Revocations,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly refreshTtlSec: number,
    private readonly maxAgeSec: number = 30 * 86_400,
  ) {}

  async login(email: string, password: string, idempotencyKey?: string): Promise<TokenPair> {
    // Checked on a replay too: the stored answer goes only to whoever knows the password.
    const user = await this.users.verifyCredentials(email, password);
    await this.outwaitRevocation(user.id);
    return this.requests.run(
      { scope: 'login', key: idempotencyKey, input: { userId: user.id } },
      async (transaction) => {
        const refreshToken = newRefreshToken();
        const session = await this.repository.create(
          user.id,
          user.roles,
          hashRefreshToken(refreshToken),
          this.refreshExpiry(),
          transaction,
        );
        return this.pair(session.userId, session.id, session.roles, refreshToken);
      },
    );
  }

  async refresh(refreshToken: string, idempotencyKey?: string): Promise<TokenPair> {
    const oldHash = hashRefreshToken(refreshToken);
    // The first of two requests with one key spends the token; the second waits for it and
    // answers its pair. Without a key, a second use of a spent token is reuse.
    const outcome = await this.requests.run(
      { scope: 'refresh', key: idempotencyKey, input: { token: oldHash } },
      (transaction) => this.rotate(oldHash, transaction),
    );
    if ('pair' in outcome) return outcome.pair;
    // After the commit: the rotation's transaction holds the session row it read.
    await this.revokeSession(outcome.revoke);
    throw unauthenticated(INVALID_REFRESH);
  }

  /** The next pair, or the login to end (reuse, too old, account gone); 401 when invalid. */
  private async rotate(
    oldHash: string,
    transaction: UnitOfWork,
  ): Promise<{ pair: TokenPair } | { revoke: string }> {
    const stored = await this.repository.findRefreshToken(oldHash);
    if (!stored || stored.session.revoked) throw unauthenticated(INVALID_REFRESH);
    const { session } = stored;
    if (stored.spent) return { revoke: session.id };
    if (stored.expiresAt.getTime() <= Date.now()) throw unauthenticated(INVALID_REFRESH);
    const endOfLife = session.createdAt.getTime() + this.maxAgeSec * 1000;
    if (endOfLife <= Date.now()) return { revoke: session.id };
    const user = await this.users.current(session.userId);
    if (!user) return { revoke: session.id };
    const next = newRefreshToken();
    const rotated = await this.repository.rotate(
      oldHash,
      hashRefreshToken(next),
      session.id,
      new Date(Math.min(this.refreshExpiry().getTime(), endOfLife)),
      transaction,
    );
    // Spent by a parallel request between our read and our write: that is reuse too.
    if (!rotated) return { revoke: session.id };
    return { pair: this.pair(session.userId, session.id, user.roles, next) };
  }

  /**
   * Ends the caller's login (the session of the access token), and the login of the refresh token
   * too when it is the caller's. A refresh token of someone else is ignored, not an error.
   */
  async logout(userId: string, sessionId: string, refreshToken?: string): Promise<void> {
    if (await this.repository.revoke(sessionId, userId))
      await this.revocations.revokeSession(sessionId);
    if (refreshToken === undefined) return;
    const stored = await this.repository.findRefreshToken(hashRefreshToken(refreshToken));
    if (stored && stored.session.userId === userId && stored.session.id !== sessionId) {
      await this.revokeSession(stored.session.id);
    }
  }

  /** Every login of the user but `keepSessionId` (after a password change). */
  async logoutOthers(userId: string, keepSessionId: string): Promise<void> {
    const others = (await this.repository.activeSessionsOf(userId)).filter(
      (id) => id !== keepSessionId,
    );
    for (const sessionId of others) await this.revokeSession(sessionId);
  }

  /** Every login of the user, and every access token issued so far (account deletion). */
  async revokeUser(userId: string): Promise<void> {
    await this.revocations.revokeUser(userId);
    await this.repository.revokeAllOf(userId);
  }

  /**
   * A user revocation covers every token issued up to its second (`iat` counts seconds): a login
   * in that same second — right after an unban — waits for the next one, or its token would be
   * refused at once.
   */
  private async outwaitRevocation(userId: string): Promise<void> {
    const revokedAt = await this.revocations.userRevokedAt(userId);
    if (revokedAt === undefined) return;
    const wait = (revokedAt + 1) * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** The user's roles changed (an admin did it): tokens already issued count with these now. */
  async rolesChanged(userId: string, roles: string[]): Promise<void> {
    await this.revocations.setCurrentRoles(userId, roles);
  }

  private async revokeSession(sessionId: string): Promise<void> {
    await this.revocations.revokeSession(sessionId);
    await this.repository.revoke(sessionId);
  }

  private pair(
    userId: string,
    sessionId: string,
    roles: string[],
    refreshToken: string,
  ): TokenPair {
    return {
      accessToken: this.accessTokens.issue(userId, sessionId, roles),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSec,
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.refreshTtlSec * 1000);
  }
}
