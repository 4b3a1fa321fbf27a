import { SERVICE_CATALOGUE } from '@gomall/contracts';
import { APP_IDS, baseConfigShape, loadConfig, port, refuseInProduction } from '@gomall/kit';
import { z } from 'zod';

const DEV_COOKIE_KEY = 'gomall-web-dev-cookie-key-not-for-production';

const webConfigShape = {
  ...baseConfigShape,
  // A public entry (behind the ingress): no Dapr app token, shoppers prove themselves with cookies.
  APP_API_TOKEN: z.string().optional(),
  PORT: port(SERVICE_CATALOGUE.web.port),
  NODE_ENV: z.string().default('development'),
  /**
   * Keys that sign the storefront's cookies (guest cart, CSRF secret, display name), newest first,
   * comma-separated, each ≥ 32 characters. Older keys still verify, so keys can be rotated.
   */
  COOKIE_KEYS: z
    .string()
    .default(DEV_COOKIE_KEY)
    .transform((value) => value.split(',').map((key) => key.trim()))
    .pipe(z.array(z.string().min(32, 'each cookie key needs at least 32 characters')).min(1)),
  /** Secure cookies (HTTPS only). Defaults to on in production; local runs are plain HTTP. */
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  /** The public API's Dapr app id (the gateway) and its path prefix. */
  GATEWAY_APP_ID: z.string().default(APP_IDS.gateway),
  API_PREFIX: z.string().default('/api/v1'),
  /** Proxies in front of the storefront that append X-Forwarded-For (the ingress controller: 1). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
};

export type WebConfig = ReturnType<typeof loadWebConfig>;

export const loadWebConfig = (env: NodeJS.ProcessEnv = process.env) => {
  const config = loadConfig(webConfigShape, env);
  const production = config.NODE_ENV === 'production';
  refuseInProduction(config, [
    [config.COOKIE_KEYS.includes(DEV_COOKIE_KEY), 'COOKIE_KEYS must be set in production'],
  ]);
  return {
    ...config,
    secureCookies: config.SECURE_COOKIES ? config.SECURE_COOKIES === 'true' : production,
  };
};
