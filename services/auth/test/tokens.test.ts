import jwt from 'jsonwebtoken';
import { loadAuthConfig } from '../src/config';
import { AccessTokenIssuer, hashRefreshToken, newRefreshToken } from '../src/domain/tokens';

const keys = {
  old: 'unit-test-secret-old-0123456789abcdef',
  new: 'unit-test-secret-new-0123456789abcdef',
};
const issuer = new AccessTokenIssuer({
  keys,
  currentKid: 'new',
  issuer: 'gomall-auth',
  audience: 'gomall-api',
  ttlSec: 900,
});

describe('AccessTokenIssuer', () => {
  it('signs HS256 with the current kid and the claims the gateway expects', () => {
    const token = issuer.issue('user-1', 'session-1', ['customer']);
    const { header, payload } = jwt.decode(token, { complete: true }) as unknown as {
      header: { alg: string; kid: string };
      payload: Record<string, unknown>;
    };
    expect(header).toMatchObject({ alg: 'HS256', kid: 'new' });
    expect(payload).toMatchObject({
      sub: 'user-1',
      sid: 'session-1',
      roles: ['customer'],
      iss: 'gomall-auth',
      aud: 'gomall-api',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
    expect(() => jwt.verify(token, keys.new, { algorithms: ['HS256'] })).not.toThrow();
    expect(() => jwt.verify(token, keys.old, { algorithms: ['HS256'] })).toThrow();
  });

  it('gives every token its own jti', () => {
    const a = jwt.decode(issuer.issue('u', 's', [])) as { jti: string };
    const b = jwt.decode(issuer.issue('u', 's', [])) as { jti: string };
    expect(a.jti).not.toBe(b.jti);
  });
});

describe('refresh tokens', () => {
  it('are 256 random bits, stored only as their SHA-256', () => {
    const token = newRefreshToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newRefreshToken()).not.toBe(token);
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toContain(token);
  });
});

describe('auth configuration', () => {
  it('has working defaults for local runs', () => {
    const config = loadAuthConfig({});
    expect(config.JWT_KEYS[config.JWT_CURRENT_KID]).toBeDefined();
    expect(config.ACCESS_TOKEN_TTL_SEC).toBe(900);
    expect(config.REFRESH_TOKEN_TTL_SEC).toBe(7 * 86_400);
  });

  it('refuses the development key in production', () => {
    // What every production deployment sets (the kit refuses its public dev defaults).
    const production = {
      NODE_ENV: 'production',
      DB_USER: 'auth',
      DB_PASSWORD: 'a-production-db-password',
      REDIS_URL: 'redis://:a-production-redis-password@redis:6379',
    };
    expect(() => loadAuthConfig(production)).toThrow(/development key/);
    const keys = JSON.stringify({ k1: 'a-production-secret-of-enough-length-1234' });
    expect(
      loadAuthConfig({ ...production, JWT_KEYS: keys, JWT_CURRENT_KID: 'k1' }).JWT_CURRENT_KID,
    ).toBe('k1');
  });

  it('refuses short secrets, bad JSON and a current kid without a key', () => {
    expect(() => loadAuthConfig({ JWT_KEYS: '{"k":"short"}', JWT_CURRENT_KID: 'k' })).toThrow();
    expect(() => loadAuthConfig({ JWT_KEYS: 'not json' })).toThrow(/JSON/);
    expect(() => loadAuthConfig({ JWT_CURRENT_KID: 'missing' })).toThrow(/JWT_CURRENT_KID/);
  });
});
