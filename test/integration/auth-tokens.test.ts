import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  registerCustomer,
  TEST_SIGNING_KEYS,
  TEST_TOKEN_SETTINGS,
  type TestCustomer,
} from './support/auth';
import { api, errorCode } from './support/http';

// Generous: the whole mall shares two cores with parallel test files.
jest.setTimeout(60_000);

/** The gateway verifies access tokens itself: every way a token can be wrong is a 401. */
interface Claims {
  sub: string;
  sid: string;
  jti: string;
  roles: string[];
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

let customer: TestCustomer;
let claims: Claims;

beforeAll(async () => {
  customer = await registerCustomer();
  claims = jwt.decode(customer.accessToken) as Claims;
});

/** A token like the real one, signed with a test key, with some claims or options changed. */
function forge(
  overrides: Partial<Claims> = {},
  kid: keyof typeof TEST_SIGNING_KEYS = 'test-new',
  secret: string = TEST_SIGNING_KEYS[kid],
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: claims.sub,
    sid: claims.sid,
    jti: randomUUID(),
    roles: claims.roles,
    iss: TEST_TOKEN_SETTINGS.issuer,
    aud: TEST_TOKEN_SETTINGS.audience,
    iat: now,
    exp: now + 300,
    ...overrides,
  };
  return jwt.sign(payload, secret, { algorithm: 'HS256', keyid: kid });
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expect401(token: string): Promise<void> {
  const res = await api('/users/me', { token });
  expect(res.status).toBe(401);
  expect(errorCode(res)).toBe('UNAUTHENTICATED');
}

describe('access token verification at the gateway', () => {
  it('carries sub, sid, jti, roles, iss, aud, exp and a kid, signed HS256', () => {
    const header = jwt.decode(customer.accessToken, { complete: true })!.header;
    expect(header).toMatchObject({ alg: 'HS256', kid: 'test-new' });
    expect(claims).toMatchObject({
      sub: customer.id,
      roles: ['customer'],
      iss: TEST_TOKEN_SETTINGS.issuer,
      aud: TEST_TOKEN_SETTINGS.audience,
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts a token signed correctly (the forge itself is sound)', async () => {
    expect((await api('/users/me', { token: forge() })).status).toBe(200);
  });

  it('accepts a token signed with an older key that is still configured (key rotation)', async () => {
    expect((await api('/users/me', { token: forge({}, 'test-old') })).status).toBe(200);
  });

  it('refuses a missing token and a malformed Authorization header', async () => {
    expect((await api('/users/me')).status).toBe(401);
    for (const authorization of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer not.a.jwt!',
      customer.accessToken,
    ]) {
      const res = await api('/users/me', { headers: { authorization } });
      expect(res.status).toBe(401);
    }
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect401(forge({ iat: now - 1000, exp: now - 60 }));
  });

  it('refuses a tampered signature and a tampered payload', async () => {
    const [header, payload, signature] = customer.accessToken.split('.') as [
      string,
      string,
      string,
    ];
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    await expect401(`${header}.${payload}.${flipped}`);
    const elevated = b64({ ...claims, roles: ['customer', 'admin'] });
    await expect401(`${header}.${elevated}.${signature}`);
  });

  it('refuses alg "none"', async () => {
    const header = b64({ alg: 'none', typ: 'JWT', kid: 'test-new' });
    await expect401(`${header}.${b64(claims)}.`);
    await expect401(jwt.sign({ ...claims }, null, { algorithm: 'none' }));
  });

  it('refuses another algorithm even with the right secret (no algorithm switching)', async () => {
    const { sub, sid, jti, roles, iss, aud } = claims;
    const hs512 = jwt.sign({ sub, sid, jti, roles, iss, aud }, TEST_SIGNING_KEYS['test-new'], {
      algorithm: 'HS512',
      keyid: 'test-new',
      expiresIn: 300,
    });
    await expect401(hs512);
  });

  it('refuses a wrong issuer or audience', async () => {
    await expect401(forge({ iss: 'someone-else' }));
    await expect401(forge({ aud: 'another-api' }));
  });

  it('refuses an unknown kid and a secret the gateway does not hold', async () => {
    await expect401(forge({}, 'test-new', 'a-secret-the-gateway-never-saw-0123456789'));
    const token = jwt.sign(
      { ...claims, exp: Math.floor(Date.now() / 1000) + 300 },
      TEST_SIGNING_KEYS['test-new'],
      {
        algorithm: 'HS256',
        keyid: 'retired-key',
      },
    );
    await expect401(token);
  });

  it('refuses a token without sid or with roles of the wrong shape', async () => {
    await expect401(forge({ sid: undefined }));
    await expect401(forge({ roles: 'admin' as unknown as string[] }));
  });

  it('never lets a client choose its identity with the internal headers', async () => {
    const other = await registerCustomer();
    const anonymous = await api('/users/me', { headers: { 'x-gomall-user-id': other.id } });
    expect(anonymous.status).toBe(401);
    const spoofed = await api<{ id: string }>('/users/me', {
      token: customer.accessToken,
      headers: { 'x-gomall-user-id': other.id, 'x-gomall-user-roles': 'admin' },
    });
    expect(spoofed.status).toBe(200);
    expect(spoofed.body.id).toBe(customer.id);
  });
});
