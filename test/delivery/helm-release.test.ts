import { ALL_SERVICES } from '@gomall/devstack';
import { join } from 'node:path';
import {
  crdDir,
  DAPR_CRDS,
  PROMETHEUS_OPERATOR_CRDS,
  startControlPlane,
  type ControlPlane,
  type KubeList,
  type KubeObject,
} from '@gomall/kube-harness';
import { CHART, helmCli, parseObjects, valuesFile, type Helm } from './support/helm';
import { tempDir, toolBin } from './support/tools';

// helm install / upgrade / rollback / uninstall of the chart against a real kube-apiserver with
// Dapr's and Prometheus Operator's CRDs: the server validates every object (built-in schemas and
// the CRDs' OpenAPI schemas) and the test asserts what it accepted.
const NS = 'shop';
const paths = {
  deployments: `/apis/apps/v1/namespaces/${NS}/deployments`,
  jobs: `/apis/batch/v1/namespaces/${NS}/jobs`,
  components: `/apis/dapr.io/v1alpha1/namespaces/${NS}/components`,
  configurations: `/apis/dapr.io/v1alpha1/namespaces/${NS}/configurations`,
  resiliencies: `/apis/dapr.io/v1alpha1/namespaces/${NS}/resiliencies`,
  hpas: `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`,
  pdbs: `/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets`,
  networkPolicies: `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`,
  podMonitors: `/apis/monitoring.coreos.com/v1/namespaces/${NS}/podmonitors`,
  serviceMonitors: `/apis/monitoring.coreos.com/v1/namespaces/${NS}/servicemonitors`,
  subscriptions: `/apis/dapr.io/v2alpha1/namespaces/${NS}/subscriptions`,
  prometheusRules: `/apis/monitoring.coreos.com/v1/namespaces/${NS}/prometheusrules`,
  // Helm's own release records are Secrets too; only the chart's are counted.
  secrets: `/api/v1/namespaces/${NS}/secrets?labelSelector=app.kubernetes.io%2Fpart-of%3Dgomall`,
  configMaps: `/api/v1/namespaces/${NS}/configmaps`,
  ingresses: `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`,
};

describe('helm release against a real API server', () => {
  let plane: ControlPlane;
  let helm: Helm;
  let cleanup: () => void;
  let stopCompleting: () => Promise<string[]>;

  const names = async (path: string) =>
    (await plane.client.mustGet<KubeList>(path)).items.map((o) => o.metadata.name).sort();

  beforeAll(async () => {
    const temp = tempDir('gm-release-');
    cleanup = temp.cleanup;
    toolBin('helm');
    plane = await startControlPlane({
      dataDir: join(temp.dir, 'cluster'),
      kubeApiserverBin: toolBin('kube-apiserver'),
      crdDirs: [crdDir(DAPR_CRDS), crdDir(PROMETHEUS_OPERATOR_CRDS)],
    });
    helm = helmCli(join(temp.dir, 'helm'), plane.kubeconfigPath);
    stopCompleting = completeHookJobs(plane);
  }, 600_000);

  afterAll(async () => {
    await stopCompleting?.();
    await plane?.stop();
    cleanup?.();
  });

  it('installs: migration hooks first, then every object the server validated', async () => {
    const release = helm([
      'install',
      'shop',
      CHART,
      '--namespace',
      NS,
      '--create-namespace',
      '-f',
      valuesFile('minimal'),
      '--timeout',
      '3m',
    ]);
    // While the pre-install migration Jobs run, nothing of the release itself exists yet.
    await until(async () => (await names(paths.jobs)).length > 0);
    expect(await names(paths.deployments)).toEqual([]);
    const installed = await release;
    expect(installed.code).toBe(0);
    expect(installed.stdout).toContain(
      'Shoppers come in through the ingress: http://gomall.local/',
    );
    // Server-side field validation warns about fields a schema does not know (typos, wrong names).
    expect(installed.stderr).not.toMatch(/unknown field|duplicate field|deprecated/i);

    const services = [...ALL_SERVICES].sort();
    expect(await names(paths.deployments)).toEqual(services.map((s) => `shop-${s}`));
    expect(await names(paths.components)).toEqual(['order-sweep', 'pubsub', 'statestore']);
    expect(await names(paths.configurations)).toEqual(services.map((s) => `shop-${s}`));
    // NetworkPolicy is on by default: the server accepted the default deny and every allow-policy.
    expect(await names(paths.networkPolicies)).toEqual(
      [
        ...services.map((s) => `shop-${s}`),
        'shop-default-deny',
        'shop-migrations',
        'shop-tests',
      ].sort(),
    );
    // No Role or RoleBinding: no pod reads Secrets through the API.
    expect(await names(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`)).toEqual([]);
    expect(await names(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`)).toEqual(
      [],
    );
    const account = await plane.client.mustGet<{ automountServiceAccountToken?: boolean }>(
      `/api/v1/namespaces/${NS}/serviceaccounts/shop-order`,
    );
    expect(account.automountServiceAccountToken).toBe(false);
    expect(await names(paths.resiliencies)).toEqual(['shop-resiliency']);
    expect(await names(paths.ingresses)).toEqual(['shop-gateway']);
    // Besides two Dapr token Secrets per service (checked in helm-template.test.ts).
    expect((await names(paths.secrets)).filter((name) => !/-(app|api)-token$/.test(name))).toEqual([
      'shop-auth-db',
      'shop-checkout-db',
      'shop-jwt',
      'shop-notification-db',
      'shop-order-db',
      'shop-payment-db',
      'shop-product-db',
      'shop-redis',
      'shop-storefront',
      'shop-user-db',
    ]);
    // hook-succeeded: the finished migration Jobs are gone.
    expect(await names(paths.jobs)).toEqual([]);
    const product = await plane.client.mustGet<KubeObject>(`${paths.configurations}/shop-product`);
    expect(JSON.stringify(product.spec)).toContain('"defaultAction":"deny"');
    const status = await helm.ok(['status', 'shop', '-n', NS, '-o', 'json']);
    expect(JSON.parse(status)).toMatchObject({ version: 1, info: { status: 'deployed' } });
  });

  it('upgrades with changed values: autoscaling, budgets, network policies, monitoring', async () => {
    await helm.ok([
      'upgrade',
      'shop',
      CHART,
      '--namespace',
      NS,
      '-f',
      valuesFile('minimal'),
      '--set',
      'serviceDefaults.autoscaling.enabled=true',
      '--set',
      'serviceDefaults.podDisruptionBudget.enabled=true',
      '--set',
      'networkPolicy.databaseCidrs={10.20.0.0/16}',
      '--set',
      'monitoring.podMonitor.enabled=true',
      '--set',
      'monitoring.rules.enabled=true',
      '--set',
      'monitoring.serviceMonitor.enabled=true',
      '--set-json',
      'dapr.subscriptions=[{"name":"audit-orders","topic":"order.created","route":"/events/order-created","scopes":["order"]}]',
      '--set',
      'monitoring.dashboards.enabled=true',
      '--set',
      'dapr.orderSweep.schedule=@every 30s',
      '--timeout',
      '3m',
    ]);
    expect(await names(paths.hpas)).toHaveLength(10);
    expect(await names(paths.pdbs)).toHaveLength(10);
    expect(await names(paths.networkPolicies)).toHaveLength(13);
    const orderPolicy = await plane.client.mustGet<KubeObject>(
      `${paths.networkPolicies}/shop-order`,
    );
    expect(JSON.stringify(orderPolicy.spec)).toContain('10.20.0.0/16');
    expect(await names(paths.podMonitors)).toEqual(['shop-apps', 'shop-daprd']);
    expect(await names(paths.prometheusRules)).toEqual(['shop-alerts']);
    expect(await names(paths.serviceMonitors)).toEqual(['shop-services']);
    expect(await names(paths.subscriptions)).toEqual(['audit-orders']);
    const dashboards = await plane.client.mustGet<KubeList>(
      `${paths.configMaps}?labelSelector=grafana_dashboard%3D1`,
    );
    expect(dashboards.items.map((c) => c.metadata.name).sort()).toEqual([
      'shop-dashboard-gomall-business',
      'shop-dashboard-gomall-dapr',
      'shop-dashboard-gomall-overview',
    ]);
    const sweep = await plane.client.mustGet<KubeObject>(`${paths.components}/order-sweep`);
    expect(JSON.stringify(sweep.spec)).toContain('@every 30s');
    // The HPA owns replicas now.
    const gateway = await plane.client.mustGet<KubeObject>(`${paths.deployments}/shop-gateway`);
    expect(gateway.metadata.annotations?.['meta.helm.sh/release-name']).toBe('shop');
    const status = JSON.parse(await helm.ok(['status', 'shop', '-n', NS, '-o', 'json']));
    expect(status.version).toBe(2);
  });

  it('rolls back to the first revision', async () => {
    await helm.ok(['rollback', 'shop', '1', '--namespace', NS, '--timeout', '3m']);
    expect(await names(paths.hpas)).toEqual([]);
    expect(await names(paths.networkPolicies)).toHaveLength(13);
    const orderPolicy = await plane.client.mustGet<KubeObject>(
      `${paths.networkPolicies}/shop-order`,
    );
    expect(JSON.stringify(orderPolicy.spec)).not.toContain('10.20.0.0/16');
    expect(await names(paths.podMonitors)).toEqual([]);
    expect(await names(paths.subscriptions)).toEqual([]);
    const sweep = await plane.client.mustGet<KubeObject>(`${paths.components}/order-sweep`);
    expect(JSON.stringify(sweep.spec)).toContain('@every 15s');
    const history = JSON.parse(await helm.ok(['history', 'shop', '-n', NS, '-o', 'json'])) as {
      revision: number;
      status: string;
    }[];
    expect(history.map((h) => [h.revision, h.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
  });

  it('renders a helm test Pod the server accepts', async () => {
    const out = await helm.ok(['get', 'hooks', 'shop', '--namespace', NS]);
    const pod = parseObjects(out).find((o) => o.metadata.annotations?.['helm.sh/hook'] === 'test');
    expect(pod?.kind).toBe('Pod');
    // Server-side dry run: validated and admitted exactly like a real create, but not stored.
    const created = await plane.client.create(`/api/v1/namespaces/${NS}/pods?dryRun=All`, pod);
    expect(created.status).toBe(201);
    expect(JSON.stringify(pod!.spec)).toContain('/readyz');
  });

  it('refuses bad values before touching the cluster', async () => {
    const result = await helm([
      'upgrade',
      'shop',
      CHART,
      '--namespace',
      NS,
      '-f',
      valuesFile('minimal'),
      '--set',
      'services.gateway.port=0',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    const status = JSON.parse(await helm.ok(['status', 'shop', '-n', NS, '-o', 'json']));
    expect(status.version).toBe(3);
  });

  it('uninstalls: the release objects are gone, the hook-created database Secret stays', async () => {
    await helm.ok(['uninstall', 'shop', '--namespace', NS, '--wait', '--timeout', '2m']);
    expect(await names(paths.deployments)).toEqual([]);
    expect(await names(paths.components)).toEqual([]);
    expect(await names(paths.configurations)).toEqual([]);
    // Helm never deletes hook objects; the database password outlives the release on purpose.
    expect(await names(paths.secrets)).toEqual(
      ['auth', 'checkout', 'notification', 'order', 'payment', 'product', 'user'].map(
        (s) => `shop-${s}-db`,
      ),
    );
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * There is no kubelet or Job controller here, so Helm would wait forever for its hook Jobs. This
 * plays the Job controller's part for them: each Job helm creates is marked succeeded through the
 * status subresource (the server validates that transition). Returns a stop function that
 * resolves to the names of the Jobs it completed.
 */
function completeHookJobs(plane: ControlPlane): () => Promise<string[]> {
  let running = true;
  const completed: string[] = [];
  const loop = (async () => {
    while (running) {
      const jobs = await plane.client.get<KubeList>(`/apis/batch/v1/namespaces/${NS}/jobs`);
      for (const job of jobs.status === 200 ? jobs.body.items : []) {
        const status = job.status as { completionTime?: string } | undefined;
        if (status?.completionTime) continue;
        const now = new Date().toISOString();
        const patched = await plane.client.request(
          'PATCH',
          `/apis/batch/v1/namespaces/${NS}/jobs/${job.metadata.name}/status`,
          {
            status: {
              startTime: now,
              completionTime: now,
              succeeded: 1,
              conditions: [
                {
                  type: 'SuccessCriteriaMet',
                  status: 'True',
                  lastTransitionTime: now,
                  lastProbeTime: now,
                },
                { type: 'Complete', status: 'True', lastTransitionTime: now, lastProbeTime: now },
              ],
            },
          },
          'application/merge-patch+json',
        );
        if (patched.status !== 200) {
          throw new Error(`completing Job ${job.metadata.name}: ${JSON.stringify(patched.body)}`);
        }
        completed.push(job.metadata.name);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return completed;
  };
}
