import { z } from 'zod';
import {
  assertServingConfig,
  baseConfigShape,
  databaseConfigShape,
  DEV_APP_API_TOKEN,
  loadConfig,
} from '../src';

const shape = { ...baseConfigShape, ...databaseConfigShape };
const production = {
  NODE_ENV: 'production',
  APP_API_TOKEN: 'a-production-app-token-0123456789',
  DB_USER: 'cart',
  DB_PASSWORD: 'a-production-db-password',
};

describe('loadConfig and the development defaults', () => {
  it('runs locally on the defaults', () => {
    const config = loadConfig(shape, {});
    expect(config.APP_API_TOKEN).toBe(DEV_APP_API_TOKEN);
    expect(config.DB_PASSWORD).toBe('gomall');
  });

  it('refuses every public development default when NODE_ENV=production', () => {
    expect(loadConfig(shape, production).APP_API_TOKEN).toBe(production.APP_API_TOKEN);
    for (const name of ['DB_USER', 'DB_PASSWORD'] as const) {
      const env: NodeJS.ProcessEnv = { ...production };
      delete env[name];
      expect(() => loadConfig(shape, env)).toThrow(new RegExp(`needs ${name}`));
    }
    // A service never serves on the public app token (a migration Job has none and needs none).
    const withoutToken: NodeJS.ProcessEnv = { ...production };
    delete withoutToken.APP_API_TOKEN;
    expect(() => assertServingConfig(loadConfig(shape, withoutToken))).toThrow(/APP_API_TOKEN/);
    expect(() => assertServingConfig(loadConfig(shape, production))).not.toThrow();
    expect(() => assertServingConfig(loadConfig(shape, {}))).not.toThrow();
  });

  it('needs Redis AUTH in production (a password in REDIS_URL)', () => {
    const withRedis = { ...shape, REDIS_URL: z.string() };
    expect(() => loadConfig(withRedis, { ...production, REDIS_URL: 'redis://redis:6379' })).toThrow(
      /password in REDIS_URL/,
    );
    expect(
      loadConfig(withRedis, { ...production, REDIS_URL: 'redis://:s3cret@redis:6379' }).REDIS_URL,
    ).toBe('redis://:s3cret@redis:6379');
    expect(loadConfig(withRedis, { REDIS_URL: 'redis://127.0.0.1:6380' }).REDIS_URL).toBe(
      'redis://127.0.0.1:6380',
    );
    expect(() => loadConfig(shape, { ...production, APP_API_TOKEN: 'short' })).toThrow(
      /APP_API_TOKEN/,
    );
  });
});
