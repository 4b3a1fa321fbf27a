import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { KubeClient, type KubeObject } from '@gomall/kube-harness';
import { REPO_ROOT, toolBin } from '../delivery/support/tools';
import { startTestPlane, type TestPlane } from './support/control-plane';
import {
  completeJob,
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
} from './support/mall-api';
import { OperatorProcess } from './support/operator-process';

const CHART = join(REPO_ROOT, 'charts', 'gomall-operator');

interface DeploymentSpec {
  template: {
    spec: {
      securityContext: Record<string, unknown>;
      containers: Array<{
        env: Array<{ name: string; value?: string }>;
        securityContext: Record<string, unknown>;
      }>;
    };
  };
}
const RELEASE_NS = 'gomall-system';

function helm(...args: string[]): string {
  return execFileSync(toolBin('helm'), args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function render(...set: string[]): KubeObject[] {
  const out = helm(
    'template',
    'gomall-operator',
    CHART,
    '--namespace',
    RELEASE_NS,
    ...set.flatMap((s) => ['--set', s]),
  );
  return parseAllDocuments(out)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

/** The REST path of a rendered object, for server-side apply. */
function objectPath(object: KubeObject): string {
  const plural: Record<string, string> = {
    ServiceAccount: 'serviceaccounts',
    ClusterRole: 'clusterroles',
    ClusterRoleBinding: 'clusterrolebindings',
    Role: 'roles',
    RoleBinding: 'rolebindings',
    Deployment: 'deployments',
  };
  const base = object.apiVersion.includes('/')
    ? `/apis/${object.apiVersion}`
    : `/api/${object.apiVersion}`;
  const ns =
    object.metadata.namespace ?? (object.kind.startsWith('Cluster') ? undefined : RELEASE_NS);
  return `${base}${ns ? `/namespaces/${ns}` : ''}/${plural[object.kind]!}/${object.metadata.name}`;
}

// The chart as an SRE installs it: helm renders it, the API server accepts every object, and the
// operator runs with nothing but the chart's ServiceAccount and RBAC.
describe('charts/gomall-operator', () => {
  let testPlane: TestPlane;
  let admin: KubeClient;
  let operator: OperatorProcess | undefined;

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-operator-chart-');
    admin = testPlane.plane.client;
    await createNamespace(admin, RELEASE_NS);
    await createNamespace(admin, 'shop');
  }, 600_000);

  afterAll(async () => {
    await operator?.stop();
    await testPlane?.stop();
  });

  it('lints, and renders namespace-scoped RBAC by default, cluster-wide only on request', () => {
    expect(helm('lint', CHART)).toContain('0 chart(s) failed');
    const kinds = (objects: KubeObject[]) =>
      objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
    // Default: the operator keeps the Malls of its own namespace, with a Role there.
    expect(kinds(render())).toEqual([
      'Deployment//gomall-operator',
      'Role/gomall-system/gomall-operator',
      'Role/gomall-system/gomall-operator-leader-election',
      'RoleBinding/gomall-system/gomall-operator',
      'RoleBinding/gomall-system/gomall-operator-leader-election',
      'ServiceAccount//gomall-operator',
    ]);
    const env = (objects: KubeObject[]) =>
      Object.fromEntries(
        (
          (objects.find((o) => o.kind === 'Deployment') as KubeObject & { spec: DeploymentSpec })
            .spec.template.spec.containers[0]!.env as Array<{ name: string; value?: string }>
        ).map((e) => [e.name, e.value]),
      );
    expect(env(render())).toMatchObject({
      WATCH_NAMESPACE: RELEASE_NS,
      WATCH_ALL_NAMESPACES: 'false',
      ALLOWED_IMAGE_PREFIXES: 'ghcr.io/gomall/',
      ALLOWED_SECRETS: '{mall}-*',
      MONITORING_NAMESPACE_SELECTOR: 'kubernetes.io/metadata.name=monitoring',
      INGRESS_NAMESPACE_SELECTOR: 'kubernetes.io/metadata.name=ingress-nginx',
    });
    const scoped = render('watchNamespace=shop');
    expect(scoped.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
    expect(
      scoped.find((o) => o.kind === 'Role' && o.metadata.name === 'gomall-operator')?.metadata
        .namespace,
    ).toBe('shop');
    expect(env(scoped)).toMatchObject({ WATCH_NAMESPACE: 'shop' });
    const clusterWide = render('clusterWide=true');
    expect(kinds(clusterWide)).toEqual(
      expect.arrayContaining([
        'ClusterRole//gomall-operator',
        'ClusterRoleBinding//gomall-operator',
      ]),
    );
    expect(env(clusterWide)).toMatchObject({ WATCH_ALL_NAMESPACES: 'true' });
    // Least privilege: nothing reads Secrets, and nothing has wildcards.
    const rules = [...render(), ...clusterWide]
      .filter((o) => o.kind.endsWith('Role'))
      .flatMap((o) => o.rules as Array<{ resources: string[]; verbs: string[] }>);
    // Secrets: create only (the Dapr token pairs a Mall's owner did not make), never read.
    const secretRules = rules.filter((r) => r.resources.includes('secrets'));
    expect(secretRules.length).toBeGreaterThan(0);
    for (const rule of secretRules) {
      expect(rule.resources).toEqual(['secrets']);
      expect(rule.verbs).toEqual(['create']);
    }
    expect(rules.flatMap((r) => [...r.resources, ...r.verbs])).not.toContain('*');
    // The pod says only "non-root"; the user is the container's, as in charts/gomall.
    const pod = (
      render().find((o) => o.kind === 'Deployment') as KubeObject & { spec: DeploymentSpec }
    ).spec.template.spec;
    expect(pod.securityContext).not.toHaveProperty('runAsUser');
    expect(pod.containers[0]!.securityContext).toMatchObject({
      runAsUser: 10001,
      runAsGroup: 10001,
    });
  });

  it('is accepted by the API server', async () => {
    // Watching the namespace of the Malls below: its Role lives there.
    for (const object of render('watchNamespace=shop')) {
      const response = await admin.apply(objectPath(object), object, 'helm');
      expect([200, 201]).toContain(response.status);
    }
  });

  it('gives the operator exactly the access it needs: a whole Mall lifecycle under its ServiceAccount', async () => {
    const tokenResponse = await admin.create<{ status: { token: string } }>(
      `/api/v1/namespaces/${RELEASE_NS}/serviceaccounts/gomall-operator/token`,
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 3600 },
      },
    );
    expect(tokenResponse.status).toBe(201);
    const token = tokenResponse.body.status.token;
    const serviceAccount = new KubeClient({
      url: testPlane.plane.url,
      token,
      caPem: testPlane.plane.caPem,
    });
    expect((await serviceAccount.get('/api/v1/namespaces/shop/secrets')).status).toBe(403);
    // Namespace-scoped: the watched namespace only, nothing cluster-wide.
    expect((await serviceAccount.get('/apis/apps/v1/namespaces/shop/deployments')).status).toBe(
      200,
    );
    expect((await serviceAccount.get('/apis/apps/v1/deployments')).status).toBe(403);

    const kubeconfig = parseAllDocuments(
      readFileSync(testPlane.plane.kubeconfigPath, 'utf8'),
    )[0]!.toJS() as {
      users: Array<{ user: { token: string } }>;
    };
    kubeconfig.users[0]!.user.token = token;
    const kubeconfigPath = join(testPlane.dataDir, 'operator-kubeconfig');
    writeFileSync(kubeconfigPath, stringify(kubeconfig), { mode: 0o600 });
    operator = await OperatorProcess.start({
      name: 'gomall-operator-0',
      kubeconfigPath,
      dataDir: testPlane.dataDir,
      leaseNamespace: RELEASE_NS,
      // As the chart's Deployment sets it with watchNamespace=shop: one namespace, no cluster scope.
      env: { WATCH_ALL_NAMESPACES: 'false', WATCH_NAMESPACE: 'shop' },
    });

    await createMall(admin, 'shop', 'demo', mallSpec({ ingress: { host: 'shop.test' } }));
    const job = await eventually(async () => {
      const [found] = await list(admin, path.jobs('shop'));
      expect(found).toBeDefined();
      return found!;
    });
    await completeJob(admin, 'shop', job.metadata.name);
    await eventually(async () => {
      expect(await list(admin, path.deployments('shop'))).toHaveLength(8);
      expect(await list(admin, path.ingresses('shop'))).toHaveLength(1);
      expect(await list(admin, path.networkPolicies('shop'))).toHaveLength(10);
      expect(conditionsOf(await getMall(admin, 'shop', 'demo')).Migrated).toBe(
        'True:MigrationComplete',
      );
    });
    // Drift repair and finalizer clean-up also pass under the chart's RBAC.
    await mergePatch(admin, `${path.deployments('shop')}/demo-gateway`, { spec: { replicas: 3 } });
    await eventually(async () => {
      const gateway = await admin.mustGet<{ spec: { replicas: number } }>(
        `${path.deployments('shop')}/demo-gateway`,
      );
      expect(gateway.spec.replicas).toBe(1);
    });
    await mergePatch(admin, `${MALLS('shop')}/demo`, { spec: { paused: true } });
    await eventually(async () =>
      expect((await getMall(admin, 'shop', 'demo')).status?.phase).toBe('Paused'),
    );
    await mergePatch(admin, `${path.services('shop')}/demo-cart`, {
      metadata: { ownerReferences: null },
    });
    await admin.delete(`${MALLS('shop')}/demo`);
    await eventually(async () => {
      expect((await admin.get(`${MALLS('shop')}/demo`)).status).toBe(404);
      expect((await admin.get(`${path.services('shop')}/demo-cart`)).status).toBe(404);
    });

    // Not one request of the operator was refused by RBAC along the way.
    expect(await operator.metric('gomall_operator_reconciles_total')).toBeGreaterThan(0);
    expect(JSON.stringify(operator.logs())).not.toMatch(/forbidden/i);
  });
});
