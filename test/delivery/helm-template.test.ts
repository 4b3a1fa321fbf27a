import { ALL_SERVICES } from '@gomall/devstack';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usesDevSigningKey } from '@gomall/kit';
import type { KubeObject } from '@gomall/kube-harness';
import { byKind, CHART, helmCli, named, parseObjects, valuesFile, type Helm } from './support/helm';
import {
  expectedServiceFlows,
  flowsOf,
  subjectOf,
  type PolicySpec,
} from './support/network-policy';
import { REPO_ROOT, tempDir } from './support/tools';

// `helm lint` and `helm template` of the chart for the value sets in charts/gomall/ci, and the
// values schema refusing bad values. No cluster needed (see helm-release.test.ts for that).
// The chart deploys every service of the mall (the operator aside), in name order.
const SERVICES: string[] = [...ALL_SERVICES].sort();

interface Container {
  name: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
  startupProbe?: { httpGet: { path: string; port?: string | number } };
  livenessProbe?: { httpGet: { path: string; port?: string | number } };
  readinessProbe?: { httpGet: { path: string; port?: string | number } };
  resources?: { requests?: object; limits?: object };
  securityContext?: Record<string, unknown>;
}
interface PodTemplate {
  metadata: { annotations: Record<string, string>; labels?: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext: Record<string, unknown>;
    serviceAccountName?: string;
    automountServiceAccountToken?: boolean;
  };
}
const podTemplate = (deployment: KubeObject) =>
  (deployment.spec as { template: PodTemplate }).template;
const envOf = (container: Container) =>
  Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));

/** Which app ids each service's code invokes (`APP_IDS.<callee>` in services/<caller>/src). */
function callsInCode(): Record<string, string[]> {
  const calls: Record<string, string[]> = {};
  for (const caller of SERVICES) {
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/APP_IDS\.(\w+)/g)) found.add(m[1]!);
        }
      }
    };
    walk(join(REPO_ROOT, 'services', caller, 'src'));
    found.delete(caller);
    if (found.size > 0) calls[caller] = [...found].sort();
  }
  return calls;
}

describe('helm chart: lint, template, schema', () => {
  let helm: Helm;
  let cleanup: () => void;
  const rendered: Record<string, KubeObject[]> = {};

  beforeAll(async () => {
    const temp = tempDir('gm-helm-');
    cleanup = temp.cleanup;
    helm = helmCli(temp.dir);
    for (const set of ['minimal', 'production', 'external-database']) {
      const out = await helm.ok([
        'template',
        'shop',
        CHART,
        '--namespace',
        'shop',
        '-f',
        valuesFile(set),
      ]);
      rendered[set] = parseObjects(out);
    }
  }, 600_000);

  afterAll(() => cleanup?.());

  it.each(['minimal', 'production', 'external-database'])(
    'lints cleanly with %s values',
    async (set) => {
      const out = await helm.ok(['lint', '--strict', CHART, '-f', valuesFile(set)]);
      expect(out).toContain('0 chart(s) failed');
    },
  );

  it('lints cleanly with the Tilt dev values (in-cluster MariaDB and Redis, migration Jobs)', async () => {
    const devValues = join(REPO_ROOT, 'tilt', 'values-dev.yaml');
    expect(await helm.ok(['lint', '--strict', CHART, '-f', devValues])).toContain(
      '0 chart(s) failed',
    );
    const objects = parseObjects(await helm.ok(['template', 'gomall', CHART, '-f', devValues]));
    expect(byKind(objects, 'Deployment').map((d) => d.metadata.name)).toEqual(
      expect.arrayContaining(['gomall-mariadb', 'gomall-redis']),
    );
    const job = byKind(objects, 'Job').find((j) =>
      j.metadata.name.startsWith('gomall-migrate-product-'),
    )!;
    expect(job.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
    expect(JSON.stringify(job.spec)).toContain('wait-for-database');
    // Not the code's built-in development key, which the services refuse in production.
    const jwt = named(objects, 'Secret', 'gomall-jwt') as KubeObject & {
      stringData?: Record<string, string>;
      data?: Record<string, string>;
    };
    const keys =
      jwt.stringData?.['jwt-keys'] ?? Buffer.from(jwt.data!['jwt-keys']!, 'base64').toString();
    expect(usesDevSigningKey(JSON.parse(keys) as Record<string, string>)).toBe(false);
  });

  it('job mode: a migration Job is named after a hash of its spec, so a changed template is a new Job (Job templates are immutable)', async () => {
    const jobNames = async (...args: string[]) =>
      byKind(
        parseObjects(
          await helm.ok([
            'template',
            'shop',
            CHART,
            '-f',
            valuesFile('minimal'),
            '--set',
            'migrations.mode=job',
            ...args,
          ]),
        ),
        'Job',
      )
        .map((j) => j.metadata.name)
        .sort();
    const first = await jobNames();
    expect(first).toHaveLength(7);
    for (const name of first) expect(name).toMatch(/^shop-migrate-[a-z]+-[0-9a-f]{8}$/);
    expect(await jobNames()).toEqual(first);
    const retagged = await jobNames('--set', 'image.tag=0.1.1');
    expect(retagged.filter((name) => first.includes(name))).toEqual([]);
  });

  it("leaves the pod's user to each container: daprd (injected) keeps its own, the app runs as 10001", () => {
    const pods = [
      ...byKind(rendered.minimal!, 'Deployment').map((d) => podTemplate(d).spec),
      ...byKind(rendered.minimal!, 'Job').map((j) => podTemplate(j).spec),
      named(rendered.minimal!, 'Pod', 'shop-test-gateway-readyz').spec as PodTemplate['spec'],
    ];
    expect(pods.length).toBeGreaterThanOrEqual(8 + 6 + 1);
    for (const pod of pods) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(pod.securityContext).not.toHaveProperty('runAsUser');
      expect(pod.securityContext).not.toHaveProperty('runAsGroup');
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001 });
      }
    }
  });

  it('gives every service a Deployment with Dapr annotations, probes, resources and a locked-down securityContext', () => {
    const deployments = byKind(rendered.minimal!, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      SERVICES.map((s) => `shop-${s}`),
    );
    for (const service of SERVICES) {
      const template = podTemplate(named(rendered.minimal!, 'Deployment', `shop-${service}`));
      const annotations = template.metadata.annotations;
      const container = template.spec.containers[0]!;
      expect(annotations).toMatchObject({
        'dapr.io/enabled': 'true',
        'dapr.io/app-id': service,
        'dapr.io/config': `shop-${service}`,
        'dapr.io/enable-metrics': 'true',
        'dapr.io/metrics-port': '9090',
        'dapr.io/log-as-json': 'true',
      });
      expect(annotations['dapr.io/app-port']).toBe(envOf(container).PORT);
      // Dapr token authentication both ways, each pod with its own two Secrets only.
      expect(annotations['dapr.io/app-token-secret']).toBe(`shop-${service}-app-token`);
      expect(annotations['dapr.io/api-token-secret']).toBe(`shop-${service}-api-token`);
      expect(envOf(container)).toMatchObject({
        OPS_PORT: '9080',
        APP_API_TOKEN: { secretKeyRef: { name: `shop-${service}-app-token`, key: 'token' } },
        DAPR_API_TOKEN: { secretKeyRef: { name: `shop-${service}-api-token`, key: 'token' } },
      });
      // Probes on the ops port: the API port serves the API only.
      for (const probe of [
        container.livenessProbe,
        container.startupProbe,
        container.readinessProbe,
      ]) {
        expect(probe?.httpGet.port).toBe('ops');
      }
      expect(container.livenessProbe?.httpGet.path).toBe('/healthz');
      expect(container.startupProbe?.httpGet.path).toBe('/healthz');
      expect(container.readinessProbe?.httpGet.path).toBe('/readyz');
      expect(container.resources?.requests).toBeDefined();
      expect(container.resources?.limits).toBeDefined();
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(template.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    }
    expect(byKind(rendered.minimal!, 'Service')).toHaveLength(SERVICES.length);
    expect(byKind(rendered.minimal!, 'ServiceAccount')).toHaveLength(SERVICES.length);
  });

  it('points the one Ingress at the gateway for /api and at the storefront for the rest', () => {
    const [ingress, ...others] = byKind(rendered.minimal!, 'Ingress');
    expect(others).toHaveLength(0);
    const rules = (
      ingress!.spec as { rules: { http: { paths: { path: string; backend: unknown }[] } }[] }
    ).rules;
    expect(rules[0]!.http.paths.map((p) => [p.path, p.backend])).toEqual([
      ['/api', { service: { name: 'shop-gateway', port: { name: 'http' } } }],
      ['/', { service: { name: 'shop-web', port: { name: 'http' } } }],
    ]);
    expect(byKind(rendered['external-database']!, 'Ingress')).toHaveLength(0);
  });

  it('defines the Dapr components the code uses, with secret references', () => {
    const components = byKind(rendered.minimal!, 'Component');
    // No secret store: no service uses the Dapr secrets API (and none gets a Role on Secrets).
    expect(components.map((c) => c.metadata.name).sort()).toEqual([
      'order-sweep',
      'pubsub',
      'statestore',
    ]);
    const redisHost = (
      named(components, 'Component', 'statestore').spec as {
        metadata: { name: string; secretKeyRef?: unknown }[];
      }
    ).metadata.find((m) => m.name === 'redisHost');
    expect(redisHost?.secretKeyRef).toEqual({ name: 'shop-redis', key: 'redis-host' });
    expect(named(components, 'Component', 'order-sweep').scopes).toEqual(['order']);
  });

  it('denies service invocation by default and allows exactly the configured calls, which cover the code', () => {
    const allowed: Record<string, string[]> = {};
    for (const config of byKind(rendered.minimal!, 'Configuration')) {
      const callee = config.metadata.name.replace(/^shop-/, '');
      const acl = (
        config.spec as {
          accessControl: {
            defaultAction: string;
            policies: { appId: string; namespace: string }[];
          };
        }
      ).accessControl;
      expect(acl.defaultAction).toBe('deny');
      for (const policy of acl.policies) {
        expect(policy.namespace).toBe('shop');
        (allowed[policy.appId] ??= []).push(callee);
      }
    }
    for (const callees of Object.values(allowed)) callees.sort();
    expect(allowed).toEqual({
      gateway: ['auth', 'cart', 'checkout', 'order', 'product', 'user'],
      auth: ['user'],
      cart: ['product'],
      checkout: ['cart', 'order', 'payment', 'product'],
      order: ['payment', 'product'],
      payment: ['order'],
      web: ['gateway'],
      notification: ['order', 'user'],
    });
    // Every call the services' code makes must be allowed, or it would be denied in the cluster.
    for (const [caller, callees] of Object.entries(callsInCode())) {
      expect({ caller, callees: allowed[caller] ?? [] }).toEqual({
        caller,
        callees: expect.arrayContaining(callees),
      });
    }
  });

  it('runs migrations as pre-install/pre-upgrade hook Jobs, one per service that owns a schema', () => {
    const jobs = byKind(rendered.minimal!, 'Job');
    const migrating = SERVICES.filter((s) => !['gateway', 'cart', 'web'].includes(s));
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(
      migrating.map((s) => `shop-migrate-${s}`),
    );
    for (const job of jobs) {
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    }
    const dbSecret = named(rendered.minimal!, 'Secret', 'shop-order-db');
    expect(dbSecret.metadata.annotations?.['helm.sh/hook-weight']).toBe('-10');
  });

  it('production: HPA, PDB and NetworkPolicy per service, no Secrets, monitoring objects', () => {
    const objects = rendered.production!;
    expect(byKind(objects, 'HorizontalPodAutoscaler')).toHaveLength(SERVICES.length);
    expect(byKind(objects, 'PodDisruptionBudget')).toHaveLength(SERVICES.length);
    expect(byKind(objects, 'Secret')).toHaveLength(0);
    const policies = byKind(objects, 'NetworkPolicy');
    // One per service, the default deny, the migrations' and the helm test Pod's.
    expect(policies).toHaveLength(SERVICES.length + 3);
    const fromIngressController = (policy: KubeObject) =>
      JSON.stringify(policy.spec).includes('ingress-nginx');
    expect(policies.filter(fromIngressController).map((p) => p.metadata.name)).toEqual([
      'shop-gateway',
      'shop-web',
    ]);
    expect(JSON.stringify(named(objects, 'NetworkPolicy', 'shop-order').spec)).toContain('50002');
    expect(
      byKind(objects, 'PodMonitor')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['shop-apps', 'shop-daprd']);
    const rules = named(objects, 'PrometheusRule', 'shop-alerts');
    expect((rules.spec as { groups: unknown[] }).groups.length).toBeGreaterThan(0);
    const dashboards = byKind(objects, 'ConfigMap').filter(
      (c) => c.metadata.labels?.grafana_dashboard === '1',
    );
    expect(dashboards.length).toBeGreaterThanOrEqual(3);
    const gateway = podTemplate(named(objects, 'Deployment', 'shop-gateway'));
    expect(gateway.spec.containers[0]!.env?.find((e) => e.name === 'DB_PASSWORD')).toBeUndefined();
    expect(
      podTemplate(named(objects, 'Deployment', 'shop-order')).spec.containers[0]!.env?.find(
        (e) => e.name === 'DB_PASSWORD',
      )?.valueFrom?.secretKeyRef?.name,
    ).toBe('gomall-db-order');
    // The HPA owns the replica count.
    expect(
      (named(objects, 'Deployment', 'shop-gateway').spec as { replicas?: number }).replicas,
    ).toBeUndefined();
  });

  it('external database: host, port, user and the managed Secret reach the services and migrations', () => {
    const objects = rendered['external-database']!;
    for (const kind of ['Deployment', 'Job']) {
      const order = byKind(objects, kind).find((o) => o.metadata.name.endsWith('order'))!;
      const env = envOf(podTemplate(order).spec.containers[0]!);
      expect(env).toMatchObject({
        DB_HOST: 'gomall.cluster-abc.eu-west-1.rds.example.com',
        DB_PORT: '3306',
        DB_USER: { secretKeyRef: { name: 'managed-db-order', key: 'db-user' } },
        DB_PASSWORD: { secretKeyRef: { name: 'managed-db-order', key: 'db-password' } },
        DB_MIGRATE_ON_START: 'false',
      });
    }
    expect(
      byKind(objects, 'Secret')
        .map((s) => s.metadata.name)
        .filter((name) => !/-(app|api)-token$/.test(name)),
    ).toEqual(['shop-jwt', 'shop-storefront']);
    // Two random Dapr tokens per service, unless production makes them itself.
    expect(
      byKind(objects, 'Secret').filter((s) => s.metadata.name.endsWith('-token')),
    ).toHaveLength(SERVICES.length * 2);
  });

  /** Every pod the release runs: its Deployments, its migration Jobs and the `helm test` Pod. */
  const podsOf = (objects: KubeObject[]) => [
    ...[...byKind(objects, 'Deployment'), ...byKind(objects, 'Job')].map((o) => ({
      name: o.metadata.name,
      ...podTemplate(o),
    })),
    ...byKind(objects, 'Pod').map((pod) => ({
      name: pod.metadata.name,
      metadata: pod.metadata as PodTemplate['metadata'],
      spec: pod.spec as PodTemplate['spec'],
    })),
  ];

  const TOPOLOGY = {
    services: SERVICES,
    calls: {
      gateway: ['user', 'auth', 'product', 'cart', 'order', 'checkout'],
      auth: ['user'],
      cart: ['product'],
      checkout: ['cart', 'order', 'payment', 'product'],
      order: ['payment', 'product'],
      payment: ['order'],
      web: ['gateway'],
      notification: ['user', 'order'],
    },
    appPorts: {
      gateway: 8080,
      user: 8081,
      auth: 8082,
      product: 8083,
      cart: 8084,
      order: 8085,
      payment: 8086,
      checkout: 8087,
      web: 8088,
      notification: 8089,
    } as Record<string, number>,
    database: ['auth', 'checkout', 'notification', 'order', 'payment', 'product', 'user'],
    // gateway and auth (own clients), cart (state store), the pub/sub publishers and subscribers.
    redis: ['auth', 'cart', 'gateway', 'notification', 'order', 'payment', 'product', 'user'],
    // The notification sidecar's SMTP binding, to mail.port (no mail CIDR in these value sets).
    smtp: { services: ['notification'], peer: 'any', port: 587 },
    publicServices: ['gateway', 'web'],
    opsPort: 9080,
    ingressNamespace: 'ingress-nginx',
    monitoringNamespace: 'monitoring',
    daprNamespace: 'dapr-system',
    redisPeer: 'any',
    redisPort: 6379,
    databasePeer: 'any',
    databasePort: 3306,
    gatewayProbe: 'tests',
  };

  it('NetworkPolicy is on by default: every pod of the release is selected by a default deny of ingress and egress', () => {
    const objects = rendered.minimal!;
    const policies = byKind(objects, 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(
      [
        'shop-default-deny',
        'shop-migrations',
        'shop-tests',
        ...SERVICES.map((s) => `shop-${s}`),
      ].sort(),
    );
    const deny = named(objects, 'NetworkPolicy', 'shop-default-deny').spec as PolicySpec;
    expect(deny).toEqual({
      podSelector: {
        matchLabels: {
          'app.kubernetes.io/instance': 'shop',
          'app.kubernetes.io/part-of': 'gomall',
        },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
    const pods = podsOf(objects);
    expect(pods.length).toBeGreaterThanOrEqual(SERVICES.length + 6 + 1);
    for (const pod of pods) {
      expect({ pod: pod.name, labels: pod.metadata.labels }).toEqual({
        pod: pod.name,
        labels: expect.objectContaining(deny.podSelector.matchLabels),
      });
    }
    // Every allow-policy restricts both directions too: nothing is open by omission.
    for (const policy of policies) {
      expect((policy.spec as PolicySpec).policyTypes?.sort()).toEqual(['Egress', 'Ingress']);
    }
  });

  it('allows exactly the designed flows; no pod reaches an app port, the ingress controller only the public ones', () => {
    const policies = byKind(rendered.minimal!, 'NetworkPolicy');
    const flows = flowsOf(policies);
    const serviceFlows = flows.filter((flow) => SERVICES.includes(flow.split(' ')[0]!));
    expect(serviceFlows).toEqual(expectedServiceFlows(TOPOLOGY));
    expect(flows.filter((flow) => flow.startsWith('migrations '))).toEqual([
      'migrations -> any :3306/TCP',
      'migrations -> ns(kubernetes.io/metadata.name=kube-system) pods(k8s-app=kube-dns) :53/UDP,53/TCP',
    ]);
    expect(flows.filter((flow) => flow.startsWith('tests '))).toEqual([
      'tests -> ns(kubernetes.io/metadata.name=kube-system) pods(k8s-app=kube-dns) :53/UDP,53/TCP',
      'tests -> pods(gateway) :9080/TCP',
    ]);
    // Every ingress rule names its peers and ports: none admits "anyone" or "any port".
    const ingress = flows.filter((flow) => flow.includes(' <- '));
    for (const flow of ingress) expect(flow).not.toMatch(/ <- any |:all$/);
    // App ports: no pod-to-pod ingress at all (daprd reaches its app over localhost).
    for (const service of SERVICES) {
      const onAppPort = ingress.filter(
        (flow) =>
          flow.startsWith(`${service} `) && flow.endsWith(`:${TOPOLOGY.appPorts[service]}/TCP`),
      );
      expect({ service, onAppPort }).toEqual({
        service,
        onAppPort: ['gateway', 'web'].includes(service)
          ? [
              `${service} <- ns(kubernetes.io/metadata.name=ingress-nginx) :${TOPOLOGY.appPorts[service]}/TCP`,
            ]
          : [],
      });
    }
    expect(
      ingress.filter((flow) => flow.includes('pods(') && !flow.endsWith(':50002/TCP')),
    ).toEqual(['gateway <- pods(tests) :9080/TCP']);
    expect(policies.map(subjectOf)).toContain('*');
  });

  it('egress to MariaDB and Redis: by CIDR when given, by pod for the in-chart dev ones; selectors from values', async () => {
    const external = flowsOf(
      byKind(
        parseObjects(
          await helm.ok([
            'template',
            'shop',
            CHART,
            '-f',
            valuesFile('external-database'),
            '--set',
            'networkPolicy.databaseCidrs={10.20.0.0/16}',
            '--set',
            'networkPolicy.redisCidrs={10.30.0.0/24,10.31.0.0/24}',
            '--set',
            'networkPolicy.smtpCidrs={10.40.0.0/24}',
            '--set',
            'networkPolicy.monitoringNamespaceSelector.team=observability',
          ]),
        ),
        'NetworkPolicy',
      ),
    );
    expect(external).toEqual(
      expect.arrayContaining([
        'order -> cidr(10.20.0.0/16) :3306/TCP',
        'migrations -> cidr(10.20.0.0/16) :3306/TCP',
        'gateway -> cidr(10.30.0.0/24) :6380/TCP',
        'gateway -> cidr(10.31.0.0/24) :6380/TCP',
        'notification -> cidr(10.40.0.0/24) :587/TCP',
        'order <- ns(kubernetes.io/metadata.name=monitoring team=observability) :9080/TCP,9090/TCP',
        // No Ingress there: the load balancer's addresses (networkPolicy.publicIngressFrom).
        'gateway <- cidr(10.0.0.0/8) :8080/TCP',
        'web <- cidr(10.0.0.0/8) :8088/TCP',
      ]),
    );
    expect(external.filter((flow) => flow.includes('<- cidr('))).toHaveLength(2);
    expect(
      external.filter((flow) => flow.startsWith('gateway ') && flow.includes(':3306')),
    ).toEqual([]);
    expect(external.filter((flow) => flow.includes(' any '))).toEqual([]);

    const dev = flowsOf(
      byKind(
        parseObjects(
          await helm.ok([
            'template',
            'gomall',
            CHART,
            '-f',
            join(REPO_ROOT, 'tilt', 'values-dev.yaml'),
          ]),
        ),
        'NetworkPolicy',
      ),
    );
    expect(dev).toEqual(
      expect.arrayContaining([
        'order -> pods(mariadb) :3306/TCP',
        'migrations -> pods(mariadb) :3306/TCP',
        'cart -> pods(redis) :6379/TCP',
        'mariadb <- pods(auth,checkout,migrations,notification,order,payment,product,user) :3306/TCP',
        'redis <- pods(auth,cart,gateway,notification,order,payment,product,user) :6379/TCP',
      ]),
    );
    expect(
      dev.filter((flow) => flow.startsWith('mariadb ') || flow.startsWith('redis ')),
    ).toHaveLength(2);

    // A CIDR must carry its prefix length (a bare address would be refused by the API server).
    const bare = await helm([
      'template',
      'shop',
      CHART,
      '-f',
      valuesFile('minimal'),
      '--set',
      'networkPolicy.databaseCidrs[0]=10.0.0.1',
    ]);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toMatch(/databaseCidrs\/0.*does not match pattern/);

    const off = await helm.ok([
      'template',
      'shop',
      CHART,
      '-f',
      valuesFile('minimal'),
      '--set',
      'networkPolicy.enabled=false',
    ]);
    expect(byKind(parseObjects(off), 'NetworkPolicy')).toEqual([]);
  });

  it('no Role on Secrets: each service has its own ServiceAccount and reads exactly its own Secrets through secretKeyRef', () => {
    for (const [set, objects] of Object.entries(rendered)) {
      const rules = [...byKind(objects, 'Role'), ...byKind(objects, 'ClusterRole')].flatMap(
        (role) =>
          (
            role as KubeObject & {
              rules?: { resources?: string[]; resourceNames?: string[]; verbs: string[] }[];
            }
          ).rules ?? [],
      );
      // Neither a blanket get/list on Secrets nor a narrowed one: pods never read Secrets themselves.
      expect({
        set,
        secretRules: rules.filter((rule) =>
          rule.resources?.some((r) => r === 'secrets' || r === '*'),
        ),
      }).toEqual({
        set,
        secretRules: [],
      });
      expect(byKind(objects, 'RoleBinding').concat(byKind(objects, 'ClusterRoleBinding'))).toEqual(
        [],
      );
    }
    const objects = rendered.minimal!;
    const own: Record<string, string[]> = {
      gateway: ['shop-jwt', 'shop-redis'],
      auth: ['shop-auth-db', 'shop-jwt', 'shop-redis'],
      web: ['shop-storefront'],
    };
    const accounts = new Set<string>();
    for (const service of SERVICES) {
      const pod = podTemplate(named(objects, 'Deployment', `shop-${service}`));
      const refs = new Set(
        pod.spec.containers.flatMap((c) =>
          (c.env ?? []).flatMap((e) =>
            e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [],
          ),
        ),
      );
      const expected = [
        ...(own[service] ?? (TOPOLOGY.database.includes(service) ? [`shop-${service}-db`] : [])),
        `shop-${service}-api-token`,
        `shop-${service}-app-token`,
      ].sort();
      expect({ service, secrets: [...refs].sort() }).toEqual({ service, secrets: expected });
      expect(pod.spec.serviceAccountName).toBe(`shop-${service}`);
      accounts.add(pod.spec.serviceAccountName!);
    }
    expect(accounts.size).toBe(SERVICES.length);
  });

  it('mounts no Kubernetes API token anywhere: automount off on every ServiceAccount and pod, daprd without its built-in secret store', async () => {
    const dev = parseObjects(
      await helm.ok([
        'template',
        'gomall',
        CHART,
        '-f',
        join(REPO_ROOT, 'tilt', 'values-dev.yaml'),
      ]),
    );
    // The dev values add the in-cluster MariaDB and Redis pods.
    expect(podsOf(dev).map((pod) => pod.name)).toEqual(
      expect.arrayContaining(['gomall-mariadb', 'gomall-redis']),
    );
    for (const [set, objects] of Object.entries({ ...rendered, dev })) {
      for (const account of byKind(objects, 'ServiceAccount')) {
        expect({
          set,
          account: account.metadata.name,
          automount: account.automountServiceAccountToken,
        }).toEqual({
          set,
          account: account.metadata.name,
          automount: false,
        });
      }
      for (const pod of podsOf(objects)) {
        expect({ set, pod: pod.name, automount: pod.spec.automountServiceAccountToken }).toEqual({
          set,
          pod: pod.name,
          automount: false,
        });
      }
      const withSidecar = byKind(objects, 'Deployment').filter(
        (d) => podTemplate(d).metadata.annotations?.['dapr.io/enabled'] === 'true',
      );
      expect(withSidecar).toHaveLength(SERVICES.length);
      for (const deployment of withSidecar) {
        expect(
          podTemplate(deployment).metadata.annotations['dapr.io/disable-builtin-k8s-secret-store'],
        ).toBe('true');
      }
    }
  });

  it('renders the helm test hook that checks the gateway /readyz', () => {
    const pod = named(rendered.minimal!, 'Pod', 'shop-test-gateway-readyz');
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    expect(JSON.stringify(pod.spec)).toContain('http://shop-gateway:9080/readyz');
  });

  it.each([
    ['an unknown top-level key', ['--set', 'replicaCount=3'], 'additional properties'],
    ['a port out of range', ['--set', 'services.gateway.port=70000'], 'maximum'],
    ['an unknown pull policy', ['--set', 'image.pullPolicy=Sometimes'], '/image/pullPolicy'],
    [
      'a call to an unknown service',
      ['--set', 'dapr.accessControl.calls.gateway[0]=billing'],
      'calls',
    ],
    ['no database host', ['--set', 'database.host='], 'database'],
    ['a short database password', ['--set', 'database.passwords.order=short'], 'passwords'],
    [
      'privilege escalation',
      ['--set', 'securityContext.allowPrivilegeEscalation=true'],
      'allowPrivilegeEscalation',
    ],
    ['root pods', ['--set', 'podSecurityContext.runAsNonRoot=false'], 'runAsNonRoot'],
    [
      'a pod-level user (the injected daprd would inherit it)',
      ['--set', 'podSecurityContext.runAsUser=10001'],
      'podSecurityContext',
    ],
    ['a bad CPU quantity', ['--set', 'serviceDefaults.resources.limits.cpu=lots'], 'cpu'],
    ['a bad migration mode', ['--set', 'migrations.mode=sometimes'], '/migrations/mode'],
  ])('refuses %s', async (_what, args, mentions) => {
    const result = await helm(['template', 'shop', CHART, '-f', valuesFile('minimal'), ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toContain(mentions);
  });
});
