import jwt from 'jsonwebtoken';
import type { Transaction } from 'sequelize';
import {
  Sessions,
  type IdempotentRuns,
  type Revocations,
  type SessionStore,
  type UserCalls,
} from '../src/domain/sessions';
import { AccessTokenIssuer } from '../src/domain/tokens';

// A user revocation (a ban, a deletion) covers every token issued up to its second, since `iat`
// counts seconds: a login in that same second — an unban right after the ban — must not get a
// token the gateway refuses at once. Storage is replaced by stand-ins here.
function sessionsWith(revokedAt: number | undefined): Sessions {
  const unused = (what: string) => () => Promise.reject(new Error(`${what}: not used here`));
  const users: UserCalls = {
    verifyCredentials: () => Promise.resolve({ id: 'u1', roles: ['customer'] }),
    current: unused('current'),
  };
  const repository: SessionStore = {
    create: (userId: string, roles: string[]) =>
      Promise.resolve({ id: 's1', userId, roles, revoked: false, createdAt: new Date() }),
    findRefreshToken: unused('findRefreshToken'),
    rotate: unused('rotate'),
    revoke: unused('revoke'),
    revokeAllOf: unused('revokeAllOf'),
    activeSessionsOf: unused('activeSessionsOf'),
  };
  // The work runs with no transaction: the stand-in store ignores it.
  const requests: IdempotentRuns = {
    run: <T>(_claim: unknown, work: (t: Transaction) => Promise<T>) => work({} as Transaction),
  };
  const revocations: Revocations = {
    userRevokedAt: () => Promise.resolve(revokedAt),
    revokeSession: unused('revokeSession'),
    revokeUser: unused('revokeUser'),
    setCurrentRoles: unused('setCurrentRoles'),
  };
  const issuer = new AccessTokenIssuer({
    keys: { k: 'unit-test-secret-k-0123456789abcdef' },
    currentKid: 'k',
    issuer: 'gomall-auth',
    audience: 'gomall-api',
    ttlSec: 900,
  });
  return new Sessions(users, repository, requests, revocations, issuer, 3600);
}

const iatOf = (token: string) => (jwt.decode(token) as { iat: number }).iat;

describe('Sessions.login after a user revocation', () => {
  it('issues a token dated after the revocation second, waiting for it if need be', async () => {
    const now = Math.floor(Date.now() / 1000);
    const pair = await sessionsWith(now).login('a@b.co', 'pw');
    expect(iatOf(pair.accessToken)).toBeGreaterThan(now);
  });

  it('does not wait when there is no revocation or it is older', async () => {
    const started = Date.now();
    await sessionsWith(undefined).login('a@b.co', 'pw');
    await sessionsWith(Math.floor(Date.now() / 1000) - 60).login('a@b.co', 'pw');
    expect(Date.now() - started).toBeLessThan(500);
  });
});
