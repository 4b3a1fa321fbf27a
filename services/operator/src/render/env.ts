import { SECRET_KEYS, STOREFRONT_SERVICE, type MallService } from '../mall/services';
import type { Mall } from '../mall/types';

/**
 * A service's own database account (keys db-user, db-password), privileged on its schema only:
 * `<mall>-<service>-db`, as charts/gomall names it with the Mall's name as the release. The Mall's
 * owner creates it (and the MariaDB user); the shared database Secret holds only db-host/db-port.
 */
const databaseSecret = (mall: Mall, service: string): string =>
  `${mall.metadata.name}-${service}-db`;

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

const fromSecret = (name: string, secret: string, key: string): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/**
 * A service's environment, the same for its pods and its migration container so the migrate entry
 * reads exactly the configuration the service will run with. Secrets stay in Secrets: only
 * references are rendered, never values.
 */
export function serviceEnv(mall: Mall, service: MallService): EnvVar[] {
  const env: EnvVar[] = [
    { name: 'PORT', value: String(service.port) },
    { name: 'LOG_LEVEL', value: 'info' },
  ];
  if (service.database) {
    const secret = mall.spec.database.secretRef.name;
    const own = databaseSecret(mall, service.name);
    env.push(
      fromSecret('DB_HOST', secret, SECRET_KEYS.dbHost),
      fromSecret('DB_PORT', secret, SECRET_KEYS.dbPort),
      fromSecret('DB_USER', own, SECRET_KEYS.dbUser),
      fromSecret('DB_PASSWORD', own, SECRET_KEYS.dbPassword),
      // The migration Job migrates before the rollout; pods never race each other to migrate.
      { name: 'DB_MIGRATE_ON_START', value: 'false' },
    );
  }
  if (service.redis) {
    env.push(fromSecret('REDIS_URL', mall.spec.redis.secretRef.name, SECRET_KEYS.redisUrl));
  }
  if (service.jwt)
    env.push(fromSecret('JWT_KEYS', mall.spec.jwt.secretRef.name, SECRET_KEYS.jwtKeys));
  if (service.jwt === 'sign') {
    env.push(
      fromSecret('JWT_CURRENT_KID', mall.spec.jwt.secretRef.name, SECRET_KEYS.jwtCurrentKid),
    );
  }
  if (service.name === 'user') {
    // The user service creates a first admin with a development password unless told otherwise:
    // a Mall gets one only from its own Secret, or none at all (empty email turns it off).
    const admin = mall.spec.admin?.secretRef.name;
    env.push(
      admin
        ? fromSecret('GOMALL_ADMIN_EMAIL', admin, SECRET_KEYS.adminEmail)
        : { name: 'GOMALL_ADMIN_EMAIL', value: '' },
    );
    if (admin) env.push(fromSecret('GOMALL_ADMIN_PASSWORD', admin, SECRET_KEYS.adminPassword));
  }
  if (service.name === 'product') {
    env.push({ name: 'SEED_DEMO_CATALOG', value: String(mall.spec.seedDemoCatalog) });
  }
  // Behind the ingress controller exactly one proxy appends to X-Forwarded-For.
  if ((service.name === 'gateway' || service.name === STOREFRONT_SERVICE) && mall.spec.ingress) {
    env.push({ name: 'TRUSTED_PROXY_HOPS', value: '1' });
  }
  if (service.name === STOREFRONT_SERVICE && mall.spec.storefront) {
    env.push(
      fromSecret('COOKIE_KEYS', mall.spec.storefront.secretRef.name, SECRET_KEYS.cookieKeys),
    );
  }
  return env;
}

export const imageOf = (mall: Mall, service: string): string =>
  `${mall.spec.image.registry}/${service}:${mall.spec.version}`;
