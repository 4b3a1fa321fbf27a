import type { KubeClient } from '@gomall/kube-harness';
import { startTestPlane, type TestPlane } from './support/control-plane';
import {
  completeJob,
  conditionsOf,
  createMall,
  createNamespace,
  eventually,
  failJob,
  getMall,
  list,
  MALLS,
  mallSpec,
  markDeploymentReady,
  mergePatch,
  path,
  sleep,
  type ChildObject,
} from './support/mall-api';
import { OperatorProcess } from './support/operator-process';

// The operator against a real kube-apiserver: every step of a Mall's life, read back from the
// server. No kubelet or controller-manager runs, so the tests write Job and Deployment status.
describe('the Mall operator on a real API server', () => {
  let testPlane: TestPlane;
  let client: KubeClient;
  let operator: OperatorProcess;
  const ns = 'shop';

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-operator-');
    client = testPlane.plane.client;
    await createNamespace(client, 'gomall-system');
    operator = await OperatorProcess.start({
      name: 'operator-0',
      kubeconfigPath: testPlane.plane.kubeconfigPath,
      dataDir: testPlane.dataDir,
      leaseNamespace: 'gomall-system',
    });
  }, 600_000);

  afterAll(async () => {
    await operator?.stop();
    await testPlane?.stop();
  });

  const deployments = () => list(client, path.deployments(ns));
  const deployment = (name: string) =>
    client.mustGet<ChildObject>(`${path.deployments(ns)}/${name}`);
  const mall = () => getMall(client, ns, 'demo');
  const image = (d: ChildObject) => d.spec.template.spec.containers[0].image as string;

  it('creates the Dapr resources and the migration Job first, and no Deployment yet', async () => {
    await createNamespace(client, ns);
    // A Dapr token Secret the Mall's owner made: kept as it is; the missing ones the operator makes.
    const ownersToken = Buffer.from('owners-own-product-app-token').toString('base64');
    expect(
      (
        await client.create(path.secrets(ns), {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'demo-product-app-token' },
          data: { token: ownersToken },
        })
      ).status,
    ).toBe(201);
    const created = await createMall(
      client,
      ns,
      'demo',
      mallSpec({ ingress: { host: 'shop.test' } }),
    );
    const owner = { kind: 'Mall', name: 'demo', uid: created.metadata.uid, controller: true };

    const components = await eventually(async () => {
      const items = await list(client, path.components(ns));
      expect(items.map((c) => c.metadata.name).sort()).toEqual(['pubsub', 'statestore']);
      return items;
    });
    for (const component of components) {
      expect(component.metadata.ownerReferences).toEqual([expect.objectContaining(owner)]);
      expect(component.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'gomall-operator',
      });
    }
    const configurations = await list(client, path.configurations(ns));
    expect(configurations).toHaveLength(8);
    const product = configurations.find((c) => c.metadata.name === 'demo-product')!;
    expect(product.spec.accessControl.defaultAction).toBe('deny');

    const jobs = await eventually(async () => {
      const items = await list(client, path.jobs(ns));
      expect(items).toHaveLength(1);
      return items;
    });
    expect(jobs[0]!.metadata.ownerReferences).toEqual([expect.objectContaining(owner)]);
    // Before any pod: both Dapr token Secrets of every service, random, owned by the Mall.
    const tokens = (await list(client, path.secrets(ns))).filter((s) =>
      /-(app|api)-token$/.test(s.metadata.name),
    );
    expect(tokens).toHaveLength(2 * configurations.length);
    const values = new Set<string>();
    for (const secret of tokens) {
      const token = (secret as ChildObject & { data: { token: string } }).data.token;
      values.add(token);
      if (secret.metadata.name === 'demo-product-app-token') {
        expect(token).toBe(ownersToken);
        expect(secret.metadata.ownerReferences).toBeUndefined();
      } else {
        expect(Buffer.from(token, 'base64').length).toBeGreaterThanOrEqual(36);
        expect(secret.metadata.ownerReferences).toEqual([expect.objectContaining(owner)]);
      }
    }
    expect(values.size).toBe(tokens.length);
    const containers = jobs[0]!.spec.template.spec.containers as Array<{ command: string[] }>;
    expect(containers.map((c) => c.command)).toContainEqual([
      'node',
      'services/product/dist/migrate.js',
    ]);

    const status = await eventually(async () => {
      const current = await mall();
      expect(conditionsOf(current)).toMatchObject({
        Migrated: 'False:MigrationRunning',
        Progressing: 'True:Migrating',
        Degraded: 'False:AsExpected',
        Ready: 'False:NotDeployed',
      });
      return current;
    });
    expect(status.status).toMatchObject({ phase: 'Migrating', observedGeneration: 1 });
    expect(status.metadata.finalizers).toEqual(['gomall.io/cleanup']);
    // Resyncs come and go; the rollout still waits for the Job.
    await sleep(2500);
    expect(await deployments()).toEqual([]);
    expect(await list(client, path.services(ns))).toEqual([]);
  });

  it('rolls out Deployments, Services and the Ingress once the Job completes', async () => {
    const [job] = await list(client, path.jobs(ns));
    await completeJob(client, ns, job!.metadata.name);
    const uid = (await mall()).metadata.uid;

    const rolledOut = await eventually(async () => {
      const items = await deployments();
      expect(items).toHaveLength(8);
      return items;
    });
    const gateway = rolledOut.find((d) => d.metadata.name === 'demo-gateway')!;
    expect(gateway.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Mall', name: 'demo', uid, controller: true }),
    ]);
    expect(gateway.spec.template.metadata.annotations).toMatchObject({
      'dapr.io/enabled': 'true',
      'dapr.io/app-id': 'gateway',
      'dapr.io/app-port': '8080',
      'dapr.io/config': 'demo-gateway',
      'dapr.io/enable-metrics': 'true',
      'dapr.io/log-as-json': 'true',
    });
    expect(image(gateway)).toBe('registry.test/gomall/gateway:1.0.0');
    // Structural defaults of the CRD reached the pods: one replica, the default resources.
    expect(gateway.spec.replicas).toBe(1);
    expect(gateway.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '128Mi' },
      limits: { memory: '256Mi' },
    });

    await eventually(async () => {
      expect(await list(client, path.services(ns))).toHaveLength(8);
      const [ingress] = await list(client, path.ingresses(ns));
      expect(ingress?.spec.rules[0].host).toBe('shop.test');
    });
    await eventually(async () => {
      const current = await mall();
      expect(conditionsOf(current)).toMatchObject({
        Migrated: 'True:MigrationComplete',
        Progressing: 'True:RollingOut',
        Ready: 'False:ServicesNotReady',
      });
      expect(current.status).toMatchObject({ phase: 'RollingOut', version: '1.0.0', ready: '0/8' });
    });

    for (const d of rolledOut) await markDeploymentReady(client, d);
    await eventually(async () => {
      const current = await mall();
      expect(conditionsOf(current)).toMatchObject({
        Ready: 'True:AllServicesReady',
        Progressing: 'False:RolloutComplete',
      });
      expect(current.status).toMatchObject({ phase: 'Ready', ready: '8/8' });
    });
  });

  it('migrates a new version first and rolls it out only after the new Job completes', async () => {
    const [oldJob] = await list(client, path.jobs(ns));
    await mergePatch(client, `${MALLS(ns)}/demo`, { spec: { version: '1.1.0' } });

    const newJob = await eventually(async () => {
      const jobs = await list(client, path.jobs(ns));
      const fresh = jobs.find((j) => j.metadata.name !== oldJob!.metadata.name);
      expect(fresh?.metadata.labels?.['app.kubernetes.io/version']).toBe('1.1.0');
      return fresh!;
    });
    await eventually(async () => {
      const current = await mall();
      expect(conditionsOf(current)).toMatchObject({
        Migrated: 'False:MigrationRunning',
        Progressing: 'True:Migrating',
      });
      expect(current.status).toMatchObject({ version: '1.0.0', observedGeneration: 2 });
    });
    await sleep(2500);
    for (const d of await deployments()) expect(image(d)).toMatch(/:1\.0\.0$/);

    await completeJob(client, ns, newJob.metadata.name);
    await eventually(async () => {
      for (const d of await deployments()) expect(image(d)).toMatch(/:1\.1\.0$/);
      const jobs = await list(client, path.jobs(ns));
      expect(jobs.map((j) => j.metadata.name)).toEqual([newJob.metadata.name]);
      const current = await mall();
      expect(current.status).toMatchObject({
        version: '1.1.0',
        migrationJob: newJob.metadata.name,
      });
      expect(conditionsOf(current).Migrated).toBe('True:MigrationComplete');
    });
  });

  it('puts back a hand-edited replica count and annotation', async () => {
    const repairsBefore = await operator.metric('gomall_operator_writes_total', {
      action: 'repair',
    });
    // As `kubectl scale` / `kubectl annotate` would: another field manager changes our fields.
    await mergePatch(client, `${path.deployments(ns)}/demo-cart`, {
      spec: {
        replicas: 5,
        template: { metadata: { annotations: { 'dapr.io/app-port': '9999' } } },
      },
    });
    await eventually(async () => {
      const cart = await deployment('demo-cart');
      expect(cart.spec.replicas).toBe(1);
      expect(cart.spec.template.metadata.annotations['dapr.io/app-port']).toBe('8084');
    });
    expect(
      await operator.metric('gomall_operator_writes_total', { action: 'repair' }),
    ).toBeGreaterThan(repairsBefore);
  });

  it('recreates a deleted Service', async () => {
    const before = await client.mustGet<ChildObject>(`${path.services(ns)}/demo-product`);
    expect((await client.delete(`${path.services(ns)}/demo-product`)).status).toBe(200);
    await eventually(async () => {
      const after = await client.mustGet<ChildObject>(`${path.services(ns)}/demo-product`);
      expect(after.metadata.uid).not.toBe(before.metadata.uid);
      expect(after.spec.ports[0].port).toBe(8083);
    });
  });

  it('applies nothing while paused, and catches up when resumed', async () => {
    await mergePatch(client, `${MALLS(ns)}/demo`, { spec: { paused: true } });
    await eventually(async () => {
      expect(conditionsOf(await mall()).Progressing).toBe('False:Paused');
    });
    await mergePatch(client, `${MALLS(ns)}/demo`, {
      spec: { services: { cart: { replicas: 3 } } },
    });
    await mergePatch(client, `${path.deployments(ns)}/demo-user`, { spec: { replicas: 4 } });
    await client.delete(`${path.services(ns)}/demo-order`);
    // Two resync periods and the events of all three changes: nothing is put back or applied.
    await sleep(5000);
    expect((await deployment('demo-cart')).spec.replicas).toBe(1);
    expect((await deployment('demo-user')).spec.replicas).toBe(4);
    expect((await client.get(`${path.services(ns)}/demo-order`)).status).toBe(404);
    expect((await mall()).status?.phase).toBe('Paused');

    await mergePatch(client, `${MALLS(ns)}/demo`, { spec: { paused: false } });
    await eventually(async () => {
      expect((await deployment('demo-cart')).spec.replicas).toBe(3);
      expect((await deployment('demo-user')).spec.replicas).toBe(1);
      expect((await client.get(`${path.services(ns)}/demo-order`)).status).toBe(200);
    });
  });

  it('stops at a failed migration Job: Degraded, and no rollout', async () => {
    await createNamespace(client, 'failing');
    await createMall(client, 'failing', 'broken', mallSpec({ version: '2.0.0' }));
    const job = await eventually(async () => {
      const [found] = await list(client, path.jobs('failing'));
      expect(found).toBeDefined();
      return found!;
    });
    await failJob(client, 'failing', job.metadata.name);
    await eventually(async () => {
      const current = await getMall(client, 'failing', 'broken');
      expect(conditionsOf(current)).toMatchObject({
        Degraded: 'True:MigrationFailed',
        Migrated: 'False:MigrationFailed',
        Progressing: 'False:MigrationFailed',
      });
      expect(current.status?.phase).toBe('Degraded');
    });
    await sleep(2500);
    expect(await list(client, path.deployments('failing'))).toEqual([]);
  });

  it('on delete: removes what ownership cannot, releases the finalizer, leaves the rest to GC', async () => {
    const { uid } = (await mall()).metadata;
    // A child someone detached from the Mall: garbage collection would never remove it.
    await mergePatch(client, `${MALLS(ns)}/demo`, { spec: { paused: true } });
    await eventually(async () => expect((await mall()).status?.phase).toBe('Paused'));
    await mergePatch(client, `${path.services(ns)}/demo-cart`, {
      metadata: { ownerReferences: null },
    });

    expect((await client.delete(`${MALLS(ns)}/demo`)).status).toBe(200);
    await eventually(async () => {
      expect((await client.get(`${MALLS(ns)}/demo`)).status).toBe(404);
    });
    expect((await client.get(`${path.services(ns)}/demo-cart`)).status).toBe(404);
    // No garbage collector runs in this plane, so the owned children stay; each points at the Mall
    // by uid, which is what the collector deletes them by (garbage-collection.test.ts runs one).
    const owned = [
      ...(await deployments()),
      ...(await list(client, path.services(ns))),
      ...(await list(client, path.components(ns))),
      ...(await list(client, path.configurations(ns))),
      ...(await list(client, path.jobs(ns))),
      ...(await list(client, path.ingresses(ns))),
      ...(await list(client, path.networkPolicies(ns))),
      ...(await list(client, path.serviceAccounts(ns))).filter(
        (a) => a.metadata.name !== 'default',
      ),
    ];
    // Deployments, Services (one deleted above), Components, Configurations, the Job, the Ingress,
    // NetworkPolicies (default deny, one per service, the migration's), ServiceAccounts.
    expect(owned.length).toBe(8 + 7 + 2 + 8 + 1 + 1 + 10 + 8);
    for (const child of owned) {
      expect(child.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Mall', name: 'demo', uid, controller: true }),
      ]);
    }
  });

  it('logs JSON and reports its work on /metrics', async () => {
    expect(await operator.ready()).toBe(true);
    expect(await operator.metric('gomall_operator_leader')).toBe(1);
    expect(await operator.metric('gomall_operator_reconciles_total')).toBeGreaterThan(5);
    expect(
      await operator.metric('gomall_operator_reconcile_duration_seconds_count'),
    ).toBeGreaterThan(5);
    const logs = operator.logs();
    expect(logs.some((line) => line.msg === 'started migration')).toBe(true);
    expect(
      logs.every((line) => typeof line.level === 'string' && line.service === 'operator'),
    ).toBe(true);
  });
});
