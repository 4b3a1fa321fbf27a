import type { IdempotentRequests } from '@gomall/kit';
import jwt from 'jsonwebtoken';
import type { Transaction } from 'sequelize';
import type { UserClient } from '../src/clients/user-client';
import type { RevocationList } from '../src/data/revocation-list';
import type { SessionRepository } from '../src/data/session-repository';
import { Sessions } from '../src/domain/sessions';
import { AccessTokenIssuer } from '../src/domain/tokens';

// A user revocation (a ban, a deletion) covers every token issued up to its second, since `iat`
// counts seconds: a login in that same second — an unban right after the ban — must not get a
// token the gateway refuses at once. Storage is replaced by stand-ins here.
function sessionsWith(revokedAt: number | undefined): Sessions {
  const users = {
    verifyCredentials: () => Promise.resolve({ id: 'u1', roles: ['customer'] }),
  } as unknown as UserClient;
  const repository = {
    create: (userId: string, roles: string[]) =>
      Promise.resolve({ id: 's1', userId, roles, revoked: false, createdAt: new Date() }),
  } as unknown as SessionRepository;
  const requests = {
    run: (_claim: unknown, work: (t: Transaction) => Promise<unknown>) => work({} as Transaction),
  } as unknown as IdempotentRequests;
  const revocations = {
    userRevokedAt: () => Promise.resolve(revokedAt),
  } as unknown as RevocationList;
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
