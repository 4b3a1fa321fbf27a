import { randomUUID } from 'node:crypto';
import {
  context,
  eventually,
  helm,
  kubectl,
  ok,
  viaIngress,
  type HttpResponse,
} from './support/cluster';

// The mall as a real cluster runs it: pods with injected daprd under the chart's default security
// contexts, migration Jobs run by the kubelet, the public API reached through the ingress
// controller, Dapr access control enforced by the sidecars, Deployments replacing killed pods, and
// `helm upgrade` / `helm test` on the live release. One cluster for the whole file, in order.
const SERVICES = [
  'auth',
  'cart',
  'checkout',
  'gateway',
  'order',
  'payment',
  'product',
  'user',
  'web',
];
const MIGRATING = ['auth', 'checkout', 'order', 'payment', 'product', 'user'];

interface Pod {
  metadata: { name: string; labels: Record<string, string>; deletionTimestamp?: string };
  spec: {
    securityContext?: Record<string, unknown>;
    containers: { name: string; securityContext?: Record<string, unknown> }[];
  };
  status: { phase: string; containerStatuses?: { name: string; ready: boolean }[] };
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

async function customer() {
  const email = `shopper-${randomUUID()}@gomall.test`;
  const password = 'correct horse battery';
  const registered = await viaIngress('/auth/register', { body: { email, password, name: 'Ann' } });
  expect(registered.status).toBe(201);
  const login = await viaIngress<{ accessToken: string }>('/auth/login', {
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
): Promise<HttpResponse<{ order: { id: string; status: string; totalCents: number } }>> {
  const page = await viaIngress<{ items: Product[] }>('/products?pageSize=50&sort=price');
  expect(page.status).toBe(200);
  const product = page.body.items.find((p) => p.stock > 5)!;
  const added = await viaIngress('/cart/items', {
    token,
    body: { productId: product.id, quantity: 1 },
  });
  expect(added.status).toBe(200);
  return viaIngress('/checkout', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { address: ADDRESS, card: CARD },
  });
}

describe('the mall in a real cluster', () => {
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

  it('denies, in the sidecars, a call the chart does not allow (cart → payment), and allows cart → product', async () => {
    const cart = await podOf('cart');
    const invoke = async (appId: string) => {
      // The app's own daprd, with the API token it presents to it (the chart's zero-trust setup).
      const script = `fetch('http://127.0.0.1:3500/v1.0/invoke/${appId}/method/healthz', { headers: { 'dapr-api-token': process.env.DAPR_API_TOKEN } }).then(async (r) => console.log(r.status, await r.text()))`;
      return ok(
        kubectl([...ns, 'exec', cart.metadata.name, '-c', 'cart', '--', 'node', '-e', script]),
      );
    };
    const denied = await invoke('payment');
    expect(denied).toMatch(/^403 /);
    expect(denied).toMatch(/ERR_DIRECT_INVOKE|PermissionDenied|access control/i);
    // Allowed: the sidecars pass it on (the app answers for itself; /healthz lives on its ops port).
    const allowed = await invoke('product');
    expect(allowed).not.toMatch(/^403 /);
    expect(allowed).not.toMatch(/access control/i);
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

  it('upgrades in hook mode with a changed pod template: migrations first, then a rollout, the mall still sells', async () => {
    const before = await ok(
      kubectl([
        ...ns,
        'get',
        'deployment',
        `${ctx.release}-order`,
        '-o',
        'jsonpath={.metadata.generation}',
      ]),
    );
    await ok(
      helm([
        'upgrade',
        ctx.release,
        ...ctx.chartArgs,
        '--set',
        'serviceDefaults.env.GOMALL_ROLLOUT=hook-2',
        '--wait',
        '--timeout',
        '15m',
      ]),
    );
    const after = await ok(
      kubectl([
        ...ns,
        'get',
        'deployment',
        `${ctx.release}-order`,
        '-o',
        'jsonpath={.metadata.generation}',
      ]),
    );
    expect(Number(after)).toBeGreaterThan(Number(before));
    const { token } = await customer();
    expect((await buyOne(token)).status).toBe(201);
  });

  it('upgrades in job mode, twice with a changed Job template (Job templates are immutable)', async () => {
    const jobMode = [
      ...ctx.chartArgs,
      '--set',
      'migrations.mode=job',
      '--wait',
      '--wait-for-jobs',
      '--timeout',
      '15m',
    ];
    await ok(
      helm([
        'upgrade',
        ctx.release,
        ...jobMode,
        '--set',
        'serviceDefaults.env.GOMALL_ROLLOUT=job-1',
      ]),
    );
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
    // A changed Job template (the log level reaches the Jobs too): a new Job per service.
    await ok(helm(['upgrade', ctx.release, ...jobMode, '--set', 'serviceDefaults.logLevel=debug']));
    const second = await jobs();
    expect(second).toHaveLength(MIGRATING.length);
    expect(second.filter((job) => first.includes(job))).toEqual([]);
    const { token } = await customer();
    expect((await buyOne(token)).status).toBe(201);
  });
});
