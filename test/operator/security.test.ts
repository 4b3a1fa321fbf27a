import type { KubeClient, KubeObject } from '@gomall/kube-harness';
import { collectionPath, resourceOf } from '../../services/operator/src/k8s/resources';
import { ALLOWED_CALLS, MALL_SERVICES } from '../../services/operator/src/mall/services';
import { renderMall } from '../../services/operator/src/render';
import { mallFixture } from '../../services/operator/test/support/mall';
import { expectedServiceFlows, flowsOf, type PolicySpec } from '../delivery/support/network-policy';
import { startTestPlane, type TestPlane } from './support/control-plane';
import {
  conditionsOf,
  createMall,
  createNamespace,
  eventually,
  getMall,
  list,
  MALLS,
  mallSpec,
  mergePatch,
  path,
  sleep,
} from './support/mall-api';
import { OperatorProcess } from './support/operator-process';

interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  securityContext: Record<string, unknown>;
  containers: Array<{ securityContext: Record<string, unknown> }>;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}
const podOf = (object: { spec?: unknown }) => (object.spec as { template: PodTemplate }).template;

const DNS = 'ns(kubernetes.io/metadata.name=kube-system) pods(k8s-app=kube-dns) :53/UDP,53/TCP';

// What the operator renders for a Mall's security (NetworkPolicies, ServiceAccounts, pod tokens),
// read as flows and accepted by a real kube-apiserver; and the operator's own scope and
// admission (allow-listed images and Secrets) with the built operator as a process.
describe('the operator: NetworkPolicies, identities, scope and admission', () => {
  let testPlane: TestPlane;
  let client: KubeClient;
  let operator: OperatorProcess | undefined;

  // A Mall with everything: the storefront, an Ingress, an admin.
  const mall = mallFixture({
    storefront: { secretRef: { name: 'mall-storefront' } },
    ingress: { host: 'shop.test' },
    admin: { secretRef: { name: 'mall-admin' } },
  });
  const desired = renderMall(mall);
  const policies = desired.security.filter((o) => o.kind === 'NetworkPolicy');

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-operator-security-');
    client = testPlane.plane.client;
    for (const ns of ['shop', 'elsewhere']) await createNamespace(client, ns);
  }, 600_000);

  afterAll(async () => {
    await operator?.stop();
    await testPlane?.stop();
  });

  it('renders a default deny of ingress and egress for every pod of the Mall', () => {
    const deny = policies.find((p) => p.metadata.name === 'demo-default-deny')!;
    expect(deny.spec).toEqual({
      podSelector: { matchLabels: { 'gomall.io/mall': 'demo' } },
      policyTypes: ['Ingress', 'Egress'],
    });
    const pods = [...desired.deployments, desired.migrationJob].map(podOf);
    expect(pods).toHaveLength(MALL_SERVICES.length + 1);
    for (const pod of pods) expect(pod.metadata.labels['gomall.io/mall']).toBe('demo');
    for (const policy of policies) {
      expect((policy.spec as PolicySpec).policyTypes).toEqual(['Ingress', 'Egress']);
    }
  });

  it('allows exactly the designed flows: no pod reaches an app port, the ingress controller only gateway and web', () => {
    const flows = flowsOf(policies);
    const names = MALL_SERVICES.map((s) => s.name);
    expect(flows.filter((flow) => names.includes(flow.split(' ')[0]!))).toEqual(
      expectedServiceFlows({
        services: names,
        calls: ALLOWED_CALLS as Record<string, string[]>,
        appPorts: Object.fromEntries(MALL_SERVICES.map((s) => [s.name, s.port])),
        database: MALL_SERVICES.filter((s) => s.database).map((s) => s.name),
        // Checkout and the storefront use no Redis component and have no Redis client.
        redis: ['auth', 'cart', 'gateway', 'order', 'payment', 'product', 'user'],
        publicServices: ['gateway', 'web'],
        opsPort: 9080,
        ingressNamespace: 'ingress-nginx',
        monitoringNamespace: 'monitoring',
        daprNamespace: 'dapr-system',
        redisPeer: 'any',
        redisPort: 6379,
        databasePeer: 'any',
        databasePort: 3306,
      }),
    );
    expect(flows.filter((flow) => flow.startsWith('migrate '))).toEqual([
      'migrate -> any :3306/TCP',
      `migrate -> ${DNS}`,
    ]);
    // App ports: nothing but the ingress controller, and only to the public services.
    for (const service of MALL_SERVICES) {
      const onAppPort = flows.filter(
        (flow) => flow.startsWith(`${service.name} <- `) && flow.endsWith(`:${service.port}/TCP`),
      );
      expect({ service: service.name, onAppPort }).toEqual({
        service: service.name,
        onAppPort: ['gateway', 'web'].includes(service.name)
          ? [
              `${service.name} <- ns(kubernetes.io/metadata.name=ingress-nginx) :${service.port}/TCP`,
            ]
          : [],
      });
    }
    for (const flow of flows.filter((f) => f.includes(' <- '))) {
      expect(flow).not.toMatch(/ <- any |:all$/);
    }
    // Without spec.ingress nothing outside the Mall reaches an app port at all.
    const internal = flowsOf(
      renderMall(mallFixture()).security.filter((o) => o.kind === 'NetworkPolicy'),
    );
    expect(internal.filter((flow) => flow.includes('ingress-nginx'))).toEqual([]);
  });

  it('takes the database and Redis CIDRs from spec.egress and the namespaces from its configuration', () => {
    const flows = flowsOf(
      renderMall(
        mallFixture({
          egress: {
            database: { cidrs: ['10.20.0.0/16'], port: 3307 },
            redis: { cidrs: ['10.30.0.0/24'] },
          },
        }),
        {
          ingressNamespaces: { team: 'edge' },
          monitoringNamespaces: { team: 'observability' },
          daprNamespaces: { 'kubernetes.io/metadata.name': 'dapr' },
          dnsNamespaces: { 'kubernetes.io/metadata.name': 'kube-system' },
          dnsPods: { 'k8s-app': 'coredns' },
        },
      ).security.filter((o) => o.kind === 'NetworkPolicy'),
    );
    expect(flows).toEqual(
      expect.arrayContaining([
        'order -> cidr(10.20.0.0/16) :3307/TCP',
        'migrate -> cidr(10.20.0.0/16) :3307/TCP',
        'cart -> cidr(10.30.0.0/24) :6379/TCP',
        'order <- ns(team=observability) :9080/TCP,9090/TCP',
        'order -> ns(kubernetes.io/metadata.name=dapr) :50001/TCP,6500/TCP,50005/TCP,50006/TCP',
        'order -> ns(kubernetes.io/metadata.name=kube-system) pods(k8s-app=coredns) :53/UDP,53/TCP',
      ]),
    );
    expect(flows.filter((flow) => flow.includes(' any '))).toEqual([]);
    expect(flows.filter((flow) => flow.startsWith('cart ') && flow.includes(':3307'))).toEqual([]);
    expect(flows.filter((flow) => flow.startsWith('checkout ') && flow.includes('10.30.'))).toEqual(
      [],
    );
  });

  it('gives each service its own ServiceAccount without an API token, and no pod a token or a pod-level user', () => {
    const accounts = desired.security.filter((o) => o.kind === 'ServiceAccount');
    expect(accounts.map((a) => a.metadata.name).sort()).toEqual(
      MALL_SERVICES.map((s) => `demo-${s.name}`).sort(),
    );
    for (const account of accounts) expect(account.automountServiceAccountToken).toBe(false);
    for (const deployment of desired.deployments) {
      const pod = podOf(deployment);
      expect(pod.spec.serviceAccountName).toBe(deployment.metadata.name);
      expect(pod.spec.automountServiceAccountToken).toBe(false);
    }
    for (const pod of [...desired.deployments, desired.migrationJob].map(podOf)) {
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      // The pod level reaches the injected daprd (which runs as 65532 only): no user there.
      expect(pod.spec.securityContext).toEqual({
        runAsNonRoot: true,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const container of pod.spec.containers) {
        expect(container.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001 });
      }
    }
    // No Role anywhere (pods read no Secrets through the API), no secret store Component.
    const everything = [
      ...desired.security,
      ...desired.dapr,
      desired.migrationJob,
      ...desired.deployments,
      ...desired.services,
    ];
    expect(everything.filter((o) => /Role/.test(o.kind))).toEqual([]);
    expect(JSON.stringify(desired.dapr)).not.toContain('secretstores.');
  });

  it('the real API server accepts every rendered object', async () => {
    const objects = [
      ...desired.security,
      ...desired.dapr,
      desired.migrationJob,
      ...desired.deployments,
      ...desired.services,
      desired.ingress!,
    ];
    for (const object of objects) {
      const created = await client.create(
        `${collectionPath(resourceOf(object), 'shop')}?dryRun=All&fieldValidation=Strict`,
        object,
      );
      expect({ object: `${object.kind}/${object.metadata.name}`, status: created.status }).toEqual({
        object: `${object.kind}/${object.metadata.name}`,
        status: 201,
      });
    }
  });

  it('is namespace-scoped by default: it keeps the Malls of its own namespace only', async () => {
    operator = await OperatorProcess.start({
      name: 'operator-0',
      kubeconfigPath: testPlane.plane.kubeconfigPath,
      dataDir: testPlane.dataDir,
      // Its own namespace (POD_NAMESPACE) is `shop`; no WATCH_NAMESPACE, no cluster scope.
      leaseNamespace: 'shop',
      env: { WATCH_ALL_NAMESPACES: 'false' },
    });
    await createMall(client, 'elsewhere', 'other', mallSpec());
    await eventually(async () => expect(await operator!.ready()).toBe(true));
    await sleep(3000);
    const other = await getMall(client, 'elsewhere', 'other');
    expect(other.status).toBeUndefined();
    expect(other.metadata.finalizers).toBeUndefined();
    expect(await list(client, path.networkPolicies('elsewhere'))).toEqual([]);
  });

  it('refuses a Mall that names an image outside the allowed prefixes or a Secret it may not use: Degraded/NotAllowed, nothing applied', async () => {
    await createMall(
      client,
      'shop',
      'demo',
      mallSpec({
        image: { registry: 'evil.example/gomall' },
        jwt: { secretRef: { name: 'payment-provider-keys' } },
      }),
    );
    const refused = await eventually(async () => {
      const current = await getMall(client, 'shop', 'demo');
      expect(conditionsOf(current)).toMatchObject({
        Degraded: 'True:NotAllowed',
        Progressing: 'False:NotAllowed',
      });
      return current;
    });
    expect(refused.status?.phase).toBe('Degraded');
    const message = refused.status!.conditions!.find((c) => c.type === 'Degraded')!.message;
    expect(message).toContain('image evil.example/gomall/gateway:1.0.0');
    expect(message).toContain('registry.test/gomall/');
    expect(message).toContain('Secret payment-provider-keys is not allowed');
    await sleep(2500);
    for (const collection of [
      path.networkPolicies('shop'),
      path.components('shop'),
      path.jobs('shop'),
      path.deployments('shop'),
    ]) {
      expect(await list(client, collection)).toEqual([]);
    }
  });

  it('once fixed, applies its NetworkPolicies and ServiceAccounts first, and the server keeps them as rendered', async () => {
    await mergePatch(client, `${MALLS('shop')}/demo`, {
      spec: {
        image: { registry: 'registry.test/gomall' },
        jwt: { secretRef: { name: 'mall-jwt' } },
      },
    });
    await eventually(async () => {
      expect(await list(client, path.jobs('shop'))).toHaveLength(1);
      const current = await getMall(client, 'shop', 'demo');
      expect(conditionsOf(current).Degraded).toBe('False:AsExpected');
    });
    const live = await list(client, path.networkPolicies('shop'));
    expect(live.map((p) => p.metadata.name).sort()).toEqual(
      [
        'demo-default-deny',
        'demo-migrate',
        ...MALL_SERVICES.filter((s) => s.name !== 'web').map((s) => `demo-${s.name}`),
      ].sort(),
    );
    const order = live.find((p) => p.metadata.name === 'demo-order')!;
    expect(flowsOf([order])).toContain('order <- pods(checkout,gateway,payment) :50002/TCP');
    const accounts = (await list(client, path.serviceAccounts('shop'))).filter(
      (a) => a.metadata.name !== 'default',
    );
    expect(accounts).toHaveLength(8);
    for (const account of accounts) {
      expect((account as KubeObject).automountServiceAccountToken).toBe(false);
    }
  });

  it('keeps them as rendered: no repair loop against the server defaults, a widened policy is put back', async () => {
    const repairs = () =>
      Promise.all(
        ['NetworkPolicy', 'ServiceAccount'].map((kind) =>
          operator!.metric('gomall_operator_writes_total', { kind, action: 'repair' }),
        ),
      );
    // Several resyncs (2 s each): what the server stored compares equal to the rendering.
    await sleep(5000);
    expect(await repairs()).toEqual([0, 0]);
    // Someone opens the cart's daprd to every pod: the operator narrows it again.
    await mergePatch(client, `${path.networkPolicies('shop')}/demo-cart`, {
      spec: { ingress: [{ ports: [{ port: 8084, protocol: 'TCP' }] }] },
    });
    await eventually(async () => {
      const cart = await client.mustGet<KubeObject>(`${path.networkPolicies('shop')}/demo-cart`);
      expect(flowsOf([cart]).filter((flow) => flow.includes(' <- '))).toEqual([
        'cart <- ns(kubernetes.io/metadata.name=monitoring) :9080/TCP,9090/TCP',
        'cart <- pods(checkout,gateway) :50002/TCP',
      ]);
    });
    expect((await repairs())[0]).toBeGreaterThan(0);
  });
});
