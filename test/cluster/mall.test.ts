import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { presentServices, usesDatabase } from '@gomall/devstack';
import {
  context,
  eventually,
  helm,
  internalErrorAnswers,
  keepPodLogs,
  kubectl,
  ok,
  REPO_ROOT,
  tagImages,
  viaIngress,
  type HttpResponse,
} from './support/cluster';

// The mall as a real cluster runs it: pods with injected daprd under the chart's default security
// contexts, migration Jobs run by the kubelet, the public API reached through the ingress
// controller, Dapr access control enforced by the sidecars, Deployments replacing killed pods, and
// `helm upgrade` / `helm test` on the live release. One cluster for the whole file, in order.
// The chart's services are the local mall's (the devstack's catalogue); owners of a schema migrate.
const SERVICES = [...presentServices(REPO_ROOT)].sort();
const MIGRATING = SERVICES.filter((service) => usesDatabase(REPO_ROOT, service));

interface Pod {
  metadata: { name: string; labels: Record<string, string>; deletionTimestamp?: string };
  spec: {
    securityContext?: Record<string, unknown>;
    containers: {
      name: string;
      image: string;
      securityContext?: Record<string, unknown>;
      ports?: { name?: string; containerPort: number }[];
    }[];
  };
  status: {
    phase: string;
    podIP?: string;
    containerStatuses?: { name: string; ready: boolean }[];
  };
}

const ctx = context();
const ns = ['-n', ctx.namespace];

async function appPods(): Promise<Pod[]> {
  const out = await ok(
    kubectl([...ns, 'get', 'pods', '-l', 'app.kubernetes.io/part-of=gomall', '-o', 'json']),
  );
  return (JSON.parse(out) as { items: Pod[] }).items.filter(
    (p) =>
      p.metadata.labels['app.kubernetes.io/name'] !== 'migrations' && !p.metadata.deletionTimestamp,
  );
}

const readyContainers = (pod: Pod) =>
  (pod.status.containerStatuses ?? [])
    .filter((c) => c.ready)
    .map((c) => c.name)
    .sort();

async function podOf(service: string): Promise<Pod> {
  const pods = (await appPods()).filter(
    (p) => p.metadata.labels['app.kubernetes.io/name'] === service && p.status.phase === 'Running',
  );
  if (pods.length === 0) throw new Error(`no running ${service} pod`);
  return pods[0]!;
}

/** One more NetworkPolicy letting `from`'s daprd reach `to`'s (Dapr's internal gRPC port). */
const openDaprPort = (name: string, from: string, to: string) => {
  const pods = (service: string) => ({
    podSelector: {
      matchLabels: { 'app.kubernetes.io/instance': ctx.release, 'app.kubernetes.io/name': service },
    },
  });
  const port = [{ port: 50002, protocol: 'TCP' }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `${name}-out` },
        spec: { ...pods(from), policyTypes: ['Egress'], egress: [{ to: [pods(to)], ports: port }] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `${name}-in` },
        spec: {
          ...pods(to),
          policyTypes: ['Ingress'],
          ingress: [{ from: [pods(from)], ports: port }],
        },
      },
    ],
  };
};

/** A request through the ingress to the mall served at `host` (the Helm release's by default). */
const via = <T = unknown>(
  host: string,
  path: string,
  options: Parameters<typeof viaIngress>[1] = {},
) => viaIngress<T>(path, options, { ...ctx, ingressHost: host });

async function customer(host = ctx.ingressHost) {
  const email = `shopper-${randomUUID()}@gomall.test`;
  const password = 'correct horse battery';
  const registered = await via(host, '/auth/register', { body: { email, password, name: 'Ann' } });
  expect(registered.status).toBe(201);
  const login = await via<{ accessToken: string }>(host, '/auth/login', {
    body: { email, password },
  });
  expect(login.status).toBe(200);
  return { email, token: login.body.accessToken };
}

const ADDRESS = {
  name: 'Ann',
  street: '1 Main St',
  city: 'Springfield',
  zipCode: '12345',
  country: 'US',
};
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvv: '123' };

interface Product {
  id: string;
  priceCents: number;
  stock: number;
}

/** Adds an in-stock product to the cart and checks out; returns the checkout answer. */
async function buyOne(
  token: string,
  host = ctx.ingressHost,
): Promise<HttpResponse<{ order: { id: string; status: string; totalCents: number } }>> {
  const page = await via<{ items: Product[] }>(host, '/products?pageSize=50&sort=price');
  expect(page.status).toBe(200);
  const product = page.body.items.find((p) => p.stock > 5)!;
  const added = await via(host, '/cart/items', {
    token,
    body: { productId: product.id, quantity: 1 },
  });
  expect(added.status).toBe(200);
  return via(host, '/checkout', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { address: ADDRESS, card: CARD },
  });
}

describe('the mall in a real cluster', () => {
  // Before the operator's tests uninstall the release.
  afterAll(() => keepPodLogs(ctx.namespace));

  it('runs every service 2/2 Ready with its injected daprd, non-root, read-only root filesystem', async () => {
    const pods = await appPods();
    expect(pods.map((p) => p.metadata.labels['app.kubernetes.io/name']).sort()).toEqual(SERVICES);
    for (const pod of pods) {
      const service = pod.metadata.labels['app.kubernetes.io/name']!;
      expect({ pod: pod.metadata.name, ready: readyContainers(pod) }).toEqual({
        pod: pod.metadata.name,
        ready: ['daprd', service].sort(),
      });
      // The chart's default: the pod says only non-root; the user is the app container's.
      expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(pod.spec.securityContext).not.toHaveProperty('runAsUser');
      const app = pod.spec.containers.find((c) => c.name === service)!;
      expect(app.securityContext).toMatchObject({ runAsUser: 10001, readOnlyRootFilesystem: true });
      const daprd = pod.spec.containers.find((c) => c.name === 'daprd')!;
      expect(daprd.securityContext).toMatchObject({ readOnlyRootFilesystem: true });
    }
  });

  it('ran the hook-mode migration Jobs under the kubelet: every owning service has its schema', async () => {
    const mariadb = (
      await ok(kubectl(['-n', 'db', 'get', 'pods', '-l', 'app=mariadb', '-o', 'name']))
    ).trim();
    const rootPassword = Buffer.from(
      await ok(
        kubectl(['-n', 'db', 'get', 'secret', 'db', '-o', 'jsonpath={.data.root-password}']),
      ),
      'base64',
    ).toString();
    const schemas = await ok(
      kubectl([
        '-n',
        'db',
        'exec',
        mariadb,
        '--',
        'mariadb',
        '-uroot',
        `-p${rootPassword}`,
        '-N',
        '-e',
        'SHOW DATABASES',
      ]),
    );
    for (const service of MIGRATING) expect(schemas).toContain(`gomall_${service}`);
    const status = await ok(helm(['status', ctx.release, ...ns, '-o', 'json']));
    expect((JSON.parse(status) as { info: { status: string } }).info.status).toBe('deployed');
  });

  it('serves the whole public API through the ingress: register, log in, browse, cart, checkout, orders, admin', async () => {
    const { token } = await customer();
    const me = await viaIngress<{ email: string; roles: string[] }>('/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual(['customer']);

    const categories = await viaIngress<{ items: { name: string }[] }>('/categories');
    expect(categories.status).toBe(200);
    expect(categories.body.items.length).toBeGreaterThanOrEqual(4);
    const page = await viaIngress<{ items: Product[]; total: number }>(
      '/products?pageSize=5&sort=-price',
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThanOrEqual(20);
    const one = await viaIngress<Product>(`/products/${page.body.items[0]!.id}`);
    expect(one.status).toBe(200);

    const checkout = await buyOne(token);
    expect(checkout.status).toBe(201);
    expect(checkout.body.order.status).toBe('paid');
    const cart = await viaIngress<{ items: unknown[] }>('/cart', { token });
    expect(cart.body.items).toEqual([]);
    const orders = await viaIngress<{ items: { id: string }[] }>('/orders', { token });
    expect(orders.status).toBe(200);
    expect(orders.body.items.map((o) => o.id)).toContain(checkout.body.order.id);

    const admin = await viaIngress<{ accessToken: string }>('/auth/login', {
      body: { email: ctx.adminEmail, password: ctx.adminPassword },
    });
    expect(admin.status).toBe(200);
    const created = await viaIngress<Product>('/admin/products', {
      token: admin.body.accessToken,
      body: {
        name: `Cluster lamp ${randomUUID().slice(0, 8)}`,
        description: 'Made in a real cluster',
        picture: 'https://example.com/lamp.png',
        priceCents: 2599,
        currency: 'USD',
        categories: ['home'],
        stock: 3,
      },
    });
    expect(created.status).toBe(201);
    const shipped = await viaIngress<{ status: string }>(
      `/admin/orders/${checkout.body.order.id}/ship`,
      {
        token: admin.body.accessToken,
        method: 'POST',
      },
    );
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    // A customer is not an admin.
    expect((await viaIngress('/admin/products', { token, body: {} })).status).toBe(403);
  });

  it('denies a call the chart does not allow (cart → payment) in the network and, with the network opened for it, in the sidecars; allows cart → product', async () => {
    const cart = await podOf('cart');
    const invoke = async (appId: string) => {
      // The app's own daprd, with the API token it presents to it (the chart's zero-trust setup).
      const script = `fetch('http://127.0.0.1:3500/v1.0/invoke/${appId}/method/healthz', { headers: { 'dapr-api-token': process.env.DAPR_API_TOKEN } }).then(async (r) => console.log(r.status, await r.text()))`;
      return ok(
        kubectl([...ns, 'exec', cart.metadata.name, '-c', 'cart', '--', 'node', '-e', script]),
      );
    };
    // The chart's NetworkPolicies let cart's daprd reach only its callees' daprd: the connection to
    // payment's is refused by the firewall before payment's sidecar could judge it.
    const refused = await invoke('payment');
    expect(refused).toMatch(/^5\d\d /);
    expect(refused).toMatch(/connection refused|ERR_DIRECT_INVOKE/i);
    // Opened for this pair by one more policy (policies add up), the call reaches payment's daprd,
    // whose access control denies it: the second layer holds on its own.
    const opening = `${ctx.release}-test-open-cart-to-payment`;
    await ok(
      kubectl(
        [...ns, 'apply', '-f', '-'],
        JSON.stringify(openDaprPort(opening, 'cart', 'payment')),
      ),
    );
    try {
      const denied = await eventually(
        async () => {
          const answer = await invoke('payment');
          expect(answer).toMatch(/^403 /);
          return answer;
        },
        60_000,
        2_000,
      );
      expect(denied).toMatch(/ERR_DIRECT_INVOKE|PermissionDenied|access control/i);
    } finally {
      await ok(kubectl([...ns, 'delete', 'networkpolicy', opening, '--ignore-not-found']));
    }
    // Allowed: the sidecars pass it on (the app answers for itself; /healthz lives on its ops port).
    const allowed = await invoke('product');
    expect(allowed).not.toMatch(/^403 /);
    expect(allowed).not.toMatch(/^5\d\d /);
  });

  it("enforces the chart's NetworkPolicies (kube-router): a pod outside the mall reaches none of its ports", async () => {
    const [gateway, product] = [await podOf('gateway'), await podOf('product')];
    const portOf = (pod: Pod, port: 'http' | 'ops') =>
      pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === port)!.containerPort;
    // Each port below is known to listen: the rest of this file talks to it through the mall.
    const targets = {
      'gateway API port': [gateway.status.podIP!, portOf(gateway, 'http')],
      'gateway ops port': [gateway.status.podIP!, portOf(gateway, 'ops')],
      "product's daprd": [product.status.podIP!, 50002],
      'product API port': [product.status.podIP!, portOf(product, 'http')],
      // The control: MariaDB's namespace has no policy, so the probe's own network works.
      'MariaDB (no policy)': ['mariadb.db.svc.cluster.local', 3306],
    } as const;
    const script = `
      const net = require('node:net');
      const targets = ${JSON.stringify(targets)};
      const tryOne = ([host, port]) => new Promise((resolve) => {
        const socket = net.connect({ host, port, timeout: 5000 });
        socket.on('connect', () => { socket.destroy(); resolve('connected'); });
        socket.on('timeout', () => { socket.destroy(); resolve('ETIMEDOUT'); });
        socket.on('error', (e) => resolve(e.code));
      });
      (async () => {
        const out = {};
        for (const [name, target] of Object.entries(targets)) out[name] = await tryOne(target);
        console.log(JSON.stringify(out));
      })();`;
    const probe = `netpol-probe-${randomUUID().slice(0, 8)}`;
    await ok(
      kubectl([
        '-n',
        'default',
        'run',
        probe,
        `--image=${gateway.spec.containers.find((c) => c.name === 'gateway')!.image}`,
        '--image-pull-policy=Never',
        '--restart=Never',
        '--command',
        '--',
        'node',
        '-e',
        script,
      ]),
    );
    try {
      await eventually(
        async () => {
          const phase = await ok(
            kubectl(['-n', 'default', 'get', 'pod', probe, '-o', 'jsonpath={.status.phase}']),
          );
          expect(phase).toBe('Succeeded');
        },
        120_000,
        2_000,
      );
      const seen = JSON.parse(await ok(kubectl(['-n', 'default', 'logs', probe]))) as Record<
        string,
        string
      >;
      expect(seen).toEqual({
        'gateway API port': expect.stringMatching(/^(ECONNREFUSED|ETIMEDOUT)$/),
        'gateway ops port': expect.stringMatching(/^(ECONNREFUSED|ETIMEDOUT)$/),
        "product's daprd": expect.stringMatching(/^(ECONNREFUSED|ETIMEDOUT)$/),
        'product API port': expect.stringMatching(/^(ECONNREFUSED|ETIMEDOUT)$/),
        'MariaDB (no policy)': 'connected',
      });
    } finally {
      await ok(
        kubectl(['-n', 'default', 'delete', 'pod', probe, '--ignore-not-found', '--wait=false']),
      );
    }
  });

  it('replaces a killed service pod, and checkout still works', async () => {
    const victim = await podOf('checkout');
    await ok(
      kubectl([
        ...ns,
        'delete',
        'pod',
        victim.metadata.name,
        '--grace-period=0',
        '--force',
        '--wait=false',
      ]),
    );
    await eventually(async () => {
      const next = await podOf('checkout');
      expect(next.metadata.name).not.toBe(victim.metadata.name);
      expect(readyContainers(next)).toEqual(['checkout', 'daprd']);
    }, 300_000);
    const { token } = await customer();
    const checkout = await eventually(
      async () => {
        const answer = await buyOne(token);
        expect(answer.status).toBe(201);
        return answer;
      },
      120_000,
      3_000,
    );
    expect(checkout.body.order.status).toBe('paid');
  });

  it('passes `helm test` (the gateway answers /readyz inside the cluster)', async () => {
    const out = await ok(helm(['test', ctx.release, ...ns, '--timeout', '5m']));
    expect(out).toMatch(/Phase:\s+Succeeded/);
  });

  it("is scraped by Prometheus through the chart's scrape configuration: every app and every daprd up", async () => {
    const query = async (promql: string) => {
      const out = await ok(
        kubectl([
          'get',
          '--raw',
          `/api/v1/namespaces/monitoring/services/prometheus:web/proxy/api/v1/query?query=${encodeURIComponent(promql)}`,
        ]),
      );
      return (
        JSON.parse(out) as {
          data: { result: { metric: Record<string, string>; value: [number, string] }[] };
        }
      ).data.result;
    };
    for (const job of ['gomall', 'daprd']) {
      await eventually(
        async () => {
          const up = await query(`up{job="${job}",namespace="${ctx.namespace}"}`);
          const healthy = up.filter((r) => r.value[1] === '1').map((r) => r.metric.app!);
          expect([...new Set(healthy)].sort()).toEqual(SERVICES);
        },
        180_000,
        5_000,
      );
    }
    // The apps' own metrics arrive, not only `up`: the gateway counted the walk's requests.
    const requests = await query(
      `sum(http_requests_total{namespace="${ctx.namespace}",app="gateway"})`,
    );
    expect(Number(requests[0]?.value[1] ?? 0)).toBeGreaterThan(0);
  });

  it('upgrades in hook mode to a new image tag (migrations first, then a rollout) while a shopper keeps browsing: no failed request', async () => {
    const tag = `${ctx.imageTag}-roll`;
    await tagImages(tag);
    const { token } = await customer();
    const failures: string[] = [];
    let requests = 0;
    let looping = true;
    // At a shopper's pace: under the gateway's limit of 600 requests a minute per user.
    const loop = (async () => {
      while (looping) {
        await sleep(300);
        for (const [path, auth] of [
          ['/products?pageSize=5', undefined],
          ['/categories', undefined],
          ['/cart', token],
          ['/users/me', token],
        ] as const) {
          requests += 1;
          try {
            const answer = await viaIngress(path, { token: auth });
            if (answer.status !== 200) {
              failures.push(`${path} ${answer.status} ${answer.text.slice(0, 200)}`);
            }
          } catch (error) {
            failures.push(`${path} ${(error as Error).message}`);
          }
        }
      }
    })();
    try {
      await ok(
        helm([
          'upgrade',
          ctx.release,
          ...ctx.chartArgs,
          '--set',
          `image.tag=${tag}`,
          '--wait',
          '--timeout',
          '15m',
        ]),
      );
    } finally {
      looping = false;
      await loop;
    }
    for (const pod of await appPods()) {
      const service = pod.metadata.labels['app.kubernetes.io/name']!;
      const app = pod.spec.containers.find((c) => c.name === service)!;
      expect(app.image).toMatch(new RegExp(`:${tag}$`));
    }
    expect(requests).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    expect((await buyOne(token)).status).toBe(201);
  });

  it('upgrades in job mode, twice, the second time with a changed Job template (Job templates are immutable)', async () => {
    const rolled = `${ctx.imageTag}-roll`;
    const jobMode = [
      ...ctx.chartArgs,
      '--set',
      'migrations.mode=job',
      '--wait',
      '--wait-for-jobs',
      '--timeout',
      '15m',
    ];
    // The same images as the rolling upgrade left: only the migrations change (to plain Jobs).
    await ok(helm(['upgrade', ctx.release, ...jobMode, '--set', `image.tag=${rolled}`]));
    const jobs = async () =>
      (
        await ok(
          kubectl([
            ...ns,
            'get',
            'jobs',
            '-o',
            'jsonpath={range .items[*]}{.metadata.name}={.status.succeeded}{"\\n"}{end}',
          ]),
        )
      )
        .trim()
        .split('\n')
        .sort();
    const first = await jobs();
    expect(first).toHaveLength(MIGRATING.length);
    for (const job of first) expect(job).toMatch(/^shop-migrate-[a-z]+-[0-9a-f]{8}=1$/);
    // A new image: a changed Job template, so a new Job per service (and a rollout).
    const next = `${ctx.imageTag}-job`;
    await tagImages(next);
    await ok(helm(['upgrade', ctx.release, ...jobMode, '--set', `image.tag=${next}`]));
    const second = await jobs();
    expect(second).toHaveLength(MIGRATING.length);
    expect(second.filter((job) => first.includes(job))).toEqual([]);
    const { token } = await customer();
    expect((await buyOne(token)).status).toBe(201);
  });

  // Its pods as the last upgrade left them: what they served since they started, daprd's own
  // calls to its app included.
  it('answered no request with a 500, whoever asked: the ingress, a sidecar, daprd itself', async () => {
    expect(await internalErrorAnswers(ctx.namespace)).toEqual([]);
  });
});

// The operator for real: its image deployed by its chart, and a Mall object that brings up the same
// mall (the Helm release is uninstalled first: one mall at a time fits this machine).
describe('the operator in the cluster', () => {
  const mallNs = 'mall';
  const host = 'mall.gomall.test';
  const m = ['-n', mallNs];
  const secretValue = async (namespace: string, name: string, key: string) =>
    Buffer.from(
      await ok(kubectl(['-n', namespace, 'get', 'secret', name, '-o', `jsonpath={.data.${key}}`])),
      'base64',
    ).toString();
  const createSecret = (name: string, data: Record<string, string>) =>
    ok(
      kubectl([
        ...m,
        'create',
        'secret',
        'generic',
        name,
        ...Object.entries(data).map(([key, value]) => `--from-literal=${key}=${value}`),
      ]),
    );
  const mall = async () =>
    JSON.parse(await ok(kubectl([...m, 'get', 'mall', 'mall', '-o', 'json']))) as {
      spec: { version: string };
      status?: { phase?: string; ready?: string; observedGeneration?: number };
      metadata: { generation: number };
    };
  const mallReady = (version: string) =>
    eventually(
      async () => {
        const current = await mall();
        expect(current.spec.version).toBe(version);
        expect(current.status?.observedGeneration).toBe(current.metadata.generation);
        expect(current.status?.phase).toBe('Ready');
        const table = await ok(kubectl([...m, 'get', 'malls']));
        expect(table).toMatch(/^mall\s+\S+\s+\d+\/\d+\s+Ready\s/m);
      },
      900_000,
      5_000,
    );
  const deployments = async () =>
    (
      JSON.parse(await ok(kubectl([...m, 'get', 'deployments', '-o', 'json']))) as {
        items: {
          metadata: { name: string };
          spec: { template: { spec: { containers: { name: string; image: string }[] } } };
          status: { readyReplicas?: number; updatedReplicas?: number };
        }[];
      }
    ).items.filter((d) => d.metadata.name.startsWith('mall-'));

  beforeAll(async () => {
    await ok(helm(['uninstall', ctx.release, ...ns, '--wait', '--timeout', '5m']));
    await ok(kubectl(['create', 'namespace', mallNs]));
    // The same database accounts and Redis as the Helm release had (made outside it), under the
    // Secret names a Mall named "mall" reads ({mall}-*, the operator's default allow-list).
    await createSecret('mall-db', { 'db-host': 'mariadb.db', 'db-port': '3306' });
    for (const service of MIGRATING) {
      await createSecret(`mall-${service}-db`, {
        'db-user': await secretValue(ctx.namespace, `gomall-db-${service}`, 'db-user'),
        'db-password': await secretValue(ctx.namespace, `gomall-db-${service}`, 'db-password'),
      });
    }
    await createSecret('mall-redis', {
      'redis-host': await secretValue(ctx.namespace, 'gomall-redis', 'redis-host'),
      'redis-password': await secretValue(ctx.namespace, 'gomall-redis', 'redis-password'),
      'redis-url': await secretValue(ctx.namespace, 'gomall-redis', 'redis-url'),
    });
    await createSecret('mall-jwt', {
      'jwt-keys': await secretValue(ctx.namespace, 'gomall-jwt', 'jwt-keys'),
      'jwt-current-kid': 'k1',
    });
    await createSecret('mall-admin', {
      'admin-email': ctx.adminEmail,
      'admin-password': ctx.adminPassword,
    });
    await createSecret('mall-storefront', {
      'cookie-keys': `${randomUUID()}${randomUUID()},${randomUUID()}${randomUUID()}`,
    });
    await ok(
      helm([
        'install',
        'gomall-operator',
        `${REPO_ROOT}/charts/gomall-operator`,
        ...m,
        '--set',
        `image.registry=${ctx.imageRegistry}`,
        '--set',
        'image.repository=gomall/operator',
        '--set',
        `image.tag=${ctx.imageTag}`,
        '--set',
        'image.pullPolicy=Never',
        '--set',
        'replicas=1',
        '--set-json',
        `admission.allowedImagePrefixes=["${ctx.imageRegistry}/gomall/"]`,
        '--set-json',
        'networkPolicy.ingressControllerNamespaceSelector={"kubernetes.io/metadata.name":"traefik"}',
        '--wait',
        '--timeout',
        '5m',
      ]),
    );
    await ok(
      kubectl(
        [...m, 'apply', '-f', '-'],
        JSON.stringify({
          apiVersion: 'gomall.io/v1alpha1',
          kind: 'Mall',
          metadata: { name: 'mall', namespace: mallNs },
          spec: {
            version: ctx.imageTag,
            image: { registry: `${ctx.imageRegistry}/gomall`, pullPolicy: 'Never' },
            database: { secretRef: { name: 'mall-db' } },
            redis: { secretRef: { name: 'mall-redis' } },
            jwt: { secretRef: { name: 'mall-jwt' } },
            admin: { secretRef: { name: 'mall-admin' } },
            storefront: { secretRef: { name: 'mall-storefront' } },
            ingress: { host, className: 'traefik' },
          },
        }),
      ),
    );
  });

  // The operator's mall goes when its tests are done, so that `tilt ci` (tilt.test.ts, run after
  // this file) deploys its own on a cluster running no other mall.
  afterAll(async () => {
    await keepPodLogs(mallNs);
    // The Mall first, while the operator runs to clear its finalizer.
    await kubectl([...m, 'delete', 'mall', 'mall', '--ignore-not-found', '--timeout=5m']);
    await helm(['uninstall', 'gomall-operator', ...m, '--wait', '--timeout', '5m']);
    await kubectl(['delete', 'namespace', mallNs, '--ignore-not-found', '--timeout=5m']);
  });

  it('brings a Mall up from its object: every pod Ready with daprd, `kubectl get malls` Ready, the mall sells', async () => {
    await mallReady(ctx.imageTag);
    for (const deployment of await deployments()) {
      expect({ name: deployment.metadata.name, ready: deployment.status.readyReplicas }).toEqual({
        name: deployment.metadata.name,
        ready: 1,
      });
    }
    // Ready pods are not yet a routed API: Traefik sends /api to the gateway only once it has seen
    // a ready endpoint of the gateway's Service, and until then the `/` rule's storefront answers
    // (a 308 to HTTPS).
    await eventually(async () => {
      expect((await via(host, '/products?pageSize=1')).status).toBe(200);
    });
    const { token } = await customer(host);
    const checkout = await eventually(async () => {
      const answer = await buyOne(token, host);
      expect(answer.status).toBe(201);
      return answer;
    });
    expect(checkout.body.order.status).toBe('paid');
  });

  it('repairs a deleted Deployment', async () => {
    await ok(kubectl([...m, 'delete', 'deployment', 'mall-cart', '--wait=true']));
    await eventually(
      async () => {
        const cart = (await deployments()).find((d) => d.metadata.name === 'mall-cart');
        expect(cart?.status.readyReplicas).toBe(1);
      },
      300_000,
      3_000,
    );
    // Callers find the new pod once its Endpoints reach DNS (CoreDNS caches answers for a while).
    const { token } = await customer(host);
    await eventually(
      async () => expect((await via(host, '/cart', { token })).status).toBe(200),
      60_000,
      2_000,
    );
  });

  it('on a version change migrates first, then rolls every service to the new images', async () => {
    const version = `${ctx.imageTag}-v2`;
    await tagImages(version);
    await ok(
      kubectl([
        ...m,
        'patch',
        'mall',
        'mall',
        '--type=merge',
        '-p',
        JSON.stringify({ spec: { version } }),
      ]),
    );
    await mallReady(version);
    const jobs = JSON.parse(await ok(kubectl([...m, 'get', 'jobs', '-o', 'json']))) as {
      items: {
        spec: { template: { spec: { containers: { image: string }[] } } };
        status: { succeeded?: number; completionTime?: string };
      }[];
    };
    const migration = jobs.items.find((job) =>
      job.spec.template.spec.containers.some((c) => c.image.endsWith(`:${version}`)),
    );
    expect(migration?.status.succeeded).toBe(1);
    const migrated = Date.parse(migration!.status.completionTime!);
    const replicaSets = JSON.parse(
      await ok(kubectl([...m, 'get', 'replicasets', '-o', 'json'])),
    ) as {
      items: {
        metadata: { creationTimestamp: string };
        spec: { template: { spec: { containers: { image: string }[] } } };
      }[];
    };
    const rolled = replicaSets.items.filter((rs) =>
      rs.spec.template.spec.containers.some((c) => c.image.endsWith(`:${version}`)),
    );
    expect(rolled.length).toBeGreaterThanOrEqual(9);
    // The pods of the new version were created only after the migration had completed.
    for (const rs of rolled)
      expect(Date.parse(rs.metadata.creationTimestamp)).toBeGreaterThanOrEqual(migrated - 1000);
    const { token } = await customer(host);
    expect((await buyOne(token, host)).status).toBe(201);
  });

  it('answered no request with a 500, whoever asked: the ingress, a sidecar, daprd itself', async () => {
    expect(await internalErrorAnswers(mallNs)).toEqual([]);
  });
});
