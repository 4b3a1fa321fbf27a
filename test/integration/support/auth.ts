import { randomBytes, randomUUID } from 'node:crypto';
import { api, type RequestOptions } from './http';

/**
 * Identity helpers for every integration test: fresh customers, the configured admin, and the
 * stack settings the identity tests need (used by setup/global-setup.ts).
 */
export const TEST_ADMIN = { email: 'admin@gomall.test', password: 'admin-password-for-tests' };

/**
 * Two signing keys, the newer current: tokens signed with the older one must still pass (key
 * rotation). Tests sign tokens of their own with these to probe the gateway's verification.
 */
export const TEST_SIGNING_KEYS = {
  'test-old': 'integration-test-signing-secret-old-0123456789',
  'test-new': 'integration-test-signing-secret-new-0123456789',
};
export const TEST_TOKEN_SETTINGS = { issuer: 'gomall-auth', audience: 'gomall-api' };

/** Environment for every service of the test mall. */
export const IDENTITY_TEST_ENV: Record<string, string> = {
  GOMALL_ADMIN_EMAIL: TEST_ADMIN.email,
  GOMALL_ADMIN_PASSWORD: TEST_ADMIN.password,
  JWT_KEYS: JSON.stringify(TEST_SIGNING_KEYS),
  JWT_CURRENT_KID: 'test-new',
  // auth: purge expired refresh tokens every second, so a test can watch it happen.
  SESSION_PURGE_INTERVAL_MS: '1000',
};

/**
 * The gateway's limits for the test mall. Test files run in parallel from 127.0.0.1, so budgets
 * are generous; one proxy hop is trusted, so a test that wants a bucket of its own sends its own
 * X-Forwarded-For address (the helpers below do, per call) and can still exhaust that bucket.
 */
export const GATEWAY_TEST_ENV: Record<string, string> = {
  TRUSTED_PROXY_HOPS: '1',
  RATE_LIMIT_WINDOW_SEC: '60',
  RATE_LIMIT_AUTH_PER_IP: '300',
  RATE_LIMIT_PER_USER: '1000',
  RATE_LIMIT_ANONYMOUS_PER_IP: '100000',
  LOGIN_FAILURES_PER_EMAIL: '5',
  // Short first block, so a test can wait it out and see the next one doubled.
  LOGIN_BLOCK_BASE_SEC: '1',
};

/** A random documentation-range address, so each caller gets its own rate-limit bucket. */
export const randomClientIp = (): string => {
  const [a, b] = randomBytes(2);
  return `198.18.${a}.${b}`;
};

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface TestCustomer extends TokenPair {
  id: string;
  email: string;
  password: string;
  name: string;
}

const fromFreshIp = (options: RequestOptions): RequestOptions => ({
  ...options,
  headers: { 'x-forwarded-for': randomClientIp(), ...options.headers },
});

/** POST /auth/login; throws unless 200. */
export async function login(email: string, password: string): Promise<TokenPair> {
  const res = await api<TokenPair>('/auth/login', fromFreshIp({ body: { email, password } }));
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body;
}

/** A new customer (unique email per call), registered and logged in. */
export async function registerCustomer(name = 'Test Customer'): Promise<TestCustomer> {
  const email = `customer-${randomUUID()}@gomall.test`;
  const password = `pw-${randomUUID()}`;
  const res = await api<{ user: { id: string } }>(
    '/auth/register',
    fromFreshIp({ body: { email, password, name } }),
  );
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { id: res.body.user.id, email, password, name, ...(await login(email, password)) };
}

/** An access token of the configured admin (GOMALL_ADMIN_EMAIL / GOMALL_ADMIN_PASSWORD). */
export async function adminToken(): Promise<string> {
  return (await login(TEST_ADMIN.email, TEST_ADMIN.password)).accessToken;
}
