import { renderMall } from '../src/render';
import { jobFailureMessage, jobState } from '../src/render/migration-job';
import { mallFixture } from './support/mall';

type Container = {
  name: string;
  image: string;
  command?: string[];
  env: Array<{
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef: { name: string; key: string } };
  }>;
  ports?: Array<{ containerPort: number }>;
  resources: unknown;
  lifecycle?: unknown;
};
type PodSpec = { containers: Container[]; restartPolicy?: string };
type Template = {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
};
const spec = (object: { spec?: unknown }) => object.spec as Record<string, unknown>;
const template = (object: { spec?: unknown }) => spec(object).template as Template;
const envOf = (container: Container) =>
  Object.fromEntries(container.env.map((e) => [e.name, e.value ?? e.valueFrom?.secretKeyRef]));

describe('rendering a Mall', () => {
  const mall = mallFixture();
  const desired = renderMall(mall);
  const owner = {
    apiVersion: 'gomall.io/v1alpha1',
    kind: 'Mall',
    name: 'demo',
    uid: 'uid-1',
    controller: true,
    blockOwnerDeletion: true,
  };
  const all = [
    ...desired.security,
    ...desired.dapr,
    desired.migrationJob,
    ...desired.deployments,
    ...desired.services,
  ];

  it('gives every child the Mall as controlling owner, its namespace and the operator labels', () => {
    for (const object of all) {
      expect(object.metadata.namespace).toBe('shop');
      expect(object.metadata.ownerReferences).toEqual([owner]);
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'gomall-operator',
        'app.kubernetes.io/part-of': 'gomall',
        'app.kubernetes.io/instance': 'demo',
        'gomall.io/mall': 'demo',
      });
    }
  });

  it('renders a Dapr Configuration per service and the two components the code uses', () => {
    expect(desired.dapr.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Configuration/demo-gateway',
      'Configuration/demo-user',
      'Configuration/demo-auth',
      'Configuration/demo-product',
      'Configuration/demo-cart',
      'Configuration/demo-order',
      'Configuration/demo-payment',
      'Configuration/demo-checkout',
      'Component/statestore',
      'Component/pubsub',
    ]);
    const state = desired.dapr[8]!;
    expect(spec(state).type).toBe('state.redis');
    expect(spec(state).metadata).toEqual(
      expect.arrayContaining([
        { name: 'redisHost', secretKeyRef: { name: 'mall-redis', key: 'redis-host' } },
        { name: 'redisPassword', secretKeyRef: { name: 'mall-redis', key: 'redis-password' } },
      ]),
    );
    expect(spec(desired.dapr[9]!).type).toBe('pubsub.redis');
    // Only the services that use a component load it.
    expect(state.scopes).toEqual(['cart']);
    expect(desired.dapr[9]!.scopes).toEqual([
      'auth',
      'cart',
      'notification',
      'order',
      'payment',
      'product',
      'user',
    ]);
    expect(JSON.stringify(desired.dapr)).not.toMatch(/password"?:\s*"[^"]/i);
  });

  it('denies service invocation except the calls the design makes', () => {
    const policies = (name: string) => {
      const config = desired.dapr.find((o) => o.metadata.name === `demo-${name}`)!;
      const access = spec(config).accessControl as {
        defaultAction: string;
        policies: Array<{ appId: string; defaultAction: string; namespace: string }>;
      };
      expect(access.defaultAction).toBe('deny');
      return access.policies;
    };
    expect(policies('product').map((p) => p.appId)).toEqual([
      'gateway',
      'cart',
      'checkout',
      'order',
    ]);
    expect(policies('payment').map((p) => p.appId)).toEqual(['checkout', 'order']);
    expect(policies('user')[0]).toEqual({
      appId: 'gateway',
      defaultAction: 'allow',
      trustDomain: 'public',
      namespace: 'shop',
    });
    expect(policies('gateway')).toEqual([]);
  });

  it('migrates every schema-owning service in one Job, with its own image and migrate entry', () => {
    const job = desired.migrationJob;
    expect(job.metadata.name).toMatch(/^demo-migrate-[0-9a-f]{10}$/);
    const pod = template(job);
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers.map((c) => c.name)).toEqual([
      'user',
      'auth',
      'product',
      'order',
      'payment',
      'checkout',
    ]);
    const product = pod.spec.containers.find((c) => c.name === 'product')!;
    expect(product.image).toBe('registry.example/gomall/product:1.0.0');
    expect(product.command).toEqual(['node', 'services/product/dist/migrate.js']);
    expect(envOf(product)).toMatchObject({
      DB_HOST: { name: 'mall-db', key: 'db-host' },
      DB_USER: { name: 'demo-product-db', key: 'db-user' },
      DB_PASSWORD: { name: 'demo-product-db', key: 'db-password' },
      SEED_DEMO_CATALOG: 'false',
    });
    // Each container (and each Deployment) gets its own service's database account, no other.
    for (const container of pod.spec.containers) {
      const secrets = container.env
        .map((e) => e.valueFrom?.secretKeyRef)
        .filter((ref) => ref && /-db$/.test(ref.name) && ref.name !== 'mall-db')
        .map((ref) => ref!.name);
      expect([...new Set(secrets)]).toEqual([`demo-${container.name}-db`]);
    }
    for (const deployment of desired.deployments) {
      const names = JSON.stringify(deployment).match(/demo-[a-z]+-db/g) ?? [];
      const service = deployment.metadata.name.replace(/^demo-/, '');
      for (const name of names) expect(name).toBe(`demo-${service}-db`);
    }
  });

  it('names a new Job when the version changes, and the same one when nothing does', () => {
    expect(renderMall(mallFixture()).migrationJob.metadata.name).toBe(
      desired.migrationJob.metadata.name,
    );
    const next = renderMall(mallFixture({ version: '1.1.0' })).migrationJob;
    expect(next.metadata.name).not.toBe(desired.migrationJob.metadata.name);
    expect(next.metadata.labels?.['app.kubernetes.io/version']).toBe('1.1.0');
  });

  it('renders a Deployment per service with the Dapr annotations, replicas and resources', () => {
    expect(desired.deployments.map((d) => d.metadata.name)).toEqual([
      'demo-gateway',
      'demo-user',
      'demo-auth',
      'demo-product',
      'demo-cart',
      'demo-order',
      'demo-payment',
      'demo-checkout',
    ]);
    const custom = mallFixture({
      services: {
        ...mall.spec.services,
        cart: { replicas: 3, resources: { requests: { cpu: '200m' } } },
      },
    });
    const cart = renderMall(custom).deployments.find((d) => d.metadata.name === 'demo-cart')!;
    expect(spec(cart).replicas).toBe(3);
    expect(spec(cart).selector).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'cart', 'app.kubernetes.io/instance': 'demo' },
    });
    const pod = template(cart);
    expect(pod.metadata.annotations).toEqual({
      'dapr.io/enabled': 'true',
      'dapr.io/app-id': 'cart',
      'dapr.io/app-port': '8084',
      'dapr.io/app-protocol': 'http',
      'dapr.io/config': 'demo-cart',
      'dapr.io/enable-metrics': 'true',
      'dapr.io/metrics-port': '9090',
      'dapr.io/log-as-json': 'true',
      'dapr.io/app-token-secret': 'demo-cart-app-token',
      'dapr.io/api-token-secret': 'demo-cart-api-token',
      'dapr.io/disable-builtin-k8s-secret-store': 'true',
      'dapr.io/block-shutdown-duration': '5s',
    });
    const container = pod.spec.containers[0]!;
    // Rollouts lose no request: the pod serves on while it leaves the endpoints.
    expect(container.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    expect(container.image).toBe('registry.example/gomall/cart:1.0.0');
    expect(container.ports?.[0]?.containerPort).toBe(8084);
    // Probes and scrapes on the ops port; the API port serves the API only.
    expect(container.ports?.[1]).toEqual({ name: 'ops', containerPort: 9080, protocol: 'TCP' });
    expect(envOf(container)).toMatchObject({
      OPS_PORT: '9080',
      APP_API_TOKEN: { name: 'demo-cart-app-token', key: 'token' },
      DAPR_API_TOKEN: { name: 'demo-cart-api-token', key: 'token' },
    });
    expect(container.resources).toEqual({ requests: { cpu: '200m' } });
    expect(container.command).toBeUndefined();
  });

  it('gives each service only the secrets it needs, and no service migrates on start', () => {
    const envOfService = (name: string) =>
      envOf(
        template(desired.deployments.find((d) => d.metadata.name === `demo-${name}`)!).spec
          .containers[0]!,
      );
    expect(envOfService('auth')).toMatchObject({
      DB_MIGRATE_ON_START: 'false',
      REDIS_URL: { name: 'mall-redis', key: 'redis-url' },
      JWT_KEYS: { name: 'mall-jwt', key: 'jwt-keys' },
      JWT_CURRENT_KID: { name: 'mall-jwt', key: 'jwt-current-kid' },
    });
    expect(envOfService('gateway')).toMatchObject({
      JWT_KEYS: { name: 'mall-jwt', key: 'jwt-keys' },
    });
    expect(envOfService('gateway')).not.toHaveProperty('JWT_CURRENT_KID');
    expect(envOfService('gateway')).not.toHaveProperty('DB_PASSWORD');
    expect(envOfService('cart')).not.toHaveProperty('DB_HOST');
    expect(envOfService('cart')).not.toHaveProperty('JWT_KEYS');
  });

  it('creates no development admin: the first admin comes from spec.admin only', () => {
    const userEnv = (m: ReturnType<typeof mallFixture>) =>
      envOf(
        template(renderMall(m).deployments.find((d) => d.metadata.name === 'demo-user')!).spec
          .containers[0]!,
      );
    expect(userEnv(mall)).toMatchObject({ GOMALL_ADMIN_EMAIL: '' });
    expect(userEnv(mall)).not.toHaveProperty('GOMALL_ADMIN_PASSWORD');
    expect(userEnv(mallFixture({ admin: { secretRef: { name: 'mall-admin' } } }))).toMatchObject({
      GOMALL_ADMIN_EMAIL: { name: 'mall-admin', key: 'admin-email' },
      GOMALL_ADMIN_PASSWORD: { name: 'mall-admin', key: 'admin-password' },
    });
  });

  it('renders a ClusterIP Service per workload on the service port', () => {
    const gateway = desired.services.find((s) => s.metadata.name === 'demo-gateway')!;
    expect(spec(gateway)).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'demo' },
      ports: [
        { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
        { name: 'ops', port: 9080, targetPort: 'ops', protocol: 'TCP' },
      ],
    });
  });

  it('renders the Ingress only with spec.ingress, to the gateway, behind one trusted proxy', () => {
    expect(desired.ingress).toBeUndefined();
    const withIngress = renderMall(
      mallFixture({
        ingress: { host: 'shop.example.com', className: 'nginx', tlsSecretName: 'shop-tls' },
      }),
    );
    expect(spec(withIngress.ingress!)).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'demo-gateway', port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    });
    const gateway = template(withIngress.deployments[0]!).spec.containers[0]!;
    expect(envOf(gateway)).toMatchObject({ TRUSTED_PROXY_HOPS: '1' });
  });

  it('runs the storefront only with spec.storefront: its Deployment, /api to the gateway and / to web', () => {
    expect(desired.deployments.map((d) => d.metadata.name)).not.toContain('demo-web');
    const shop = renderMall(
      mallFixture({
        storefront: { secretRef: { name: 'mall-storefront' } },
        ingress: { host: 'shop.example.com' },
      }),
    );
    const web = shop.deployments.find((d) => d.metadata.name === 'demo-web')!;
    const container = template(web).spec.containers[0]!;
    expect(container.image).toBe('registry.example/gomall/web:1.0.0');
    expect(container.ports).toContainEqual({ name: 'http', containerPort: 8088, protocol: 'TCP' });
    expect(envOf(container)).toMatchObject({
      PORT: '8088',
      LOG_LEVEL: 'info',
      TRUSTED_PROXY_HOPS: '1',
      COOKIE_KEYS: { name: 'mall-storefront', key: 'cookie-keys' },
    });
    expect(template(web).metadata.annotations).toMatchObject({ 'dapr.io/app-id': 'web' });
    expect(shop.services.map((s) => s.metadata.name)).toContain('demo-web');
    const gatewayConfig = shop.dapr.find((o) => o.metadata.name === 'demo-gateway')!;
    expect(JSON.stringify(spec(gatewayConfig).accessControl)).toContain('"appId":"web"');
    const paths = (
      spec(shop.ingress!) as {
        rules: Array<{ http: { paths: Array<{ path: string; backend: unknown }> } }>;
      }
    ).rules[0]!.http.paths;
    expect(paths.map((p) => [p.path, p.backend])).toEqual([
      ['/api', { service: { name: 'demo-gateway', port: { name: 'http' } } }],
      ['/', { service: { name: 'demo-web', port: { name: 'http' } } }],
    ]);
  });
});

describe('reading a migration Job', () => {
  it('tells running, complete and failed apart by the Job controller conditions', () => {
    expect(jobState(undefined)).toBe('Missing');
    expect(jobState({ status: {} })).toBe('Running');
    expect(jobState({ status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toBe(
      'Complete',
    );
    expect(jobState({ status: { conditions: [{ type: 'Complete', status: 'False' }] } })).toBe(
      'Running',
    );
    const failed = {
      status: { conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] },
    };
    expect(jobState(failed)).toBe('Failed');
    expect(jobFailureMessage(failed)).toBe('BackoffLimitExceeded');
  });
});
