import type { KubeClient } from '@gomall/kube-harness';
import { startTestPlane, type TestPlane } from './support/control-plane';
import {
  completeJob,
  createMall,
  createNamespace,
  eventually,
  list,
  MALLS,
  mallSpec,
  path,
} from './support/mall-api';
import { OperatorProcess } from './support/operator-process';

// With kube-controller-manager's garbage collector running beside the API server, deleting a
// Mall really removes everything the operator created for it, through the ownerReferences alone.
describe('deleting a Mall with a garbage collector running', () => {
  let testPlane: TestPlane;
  let client: KubeClient;
  let operator: OperatorProcess;
  const ns = 'gc-shop';

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-operator-gc-', { withDapr: true, garbageCollector: true });
    client = testPlane.plane.client;
    await createNamespace(client, 'gomall-system');
    operator = await OperatorProcess.start({
      name: 'operator-gc',
      kubeconfigPath: testPlane.plane.kubeconfigPath,
      dataDir: testPlane.dataDir,
      leaseNamespace: 'gomall-system',
    });
  }, 600_000);

  afterAll(async () => {
    await operator?.stop();
    await testPlane?.stop();
  });

  it('removes every owned child once the Mall is gone', async () => {
    await createNamespace(client, ns);
    await createMall(client, ns, 'demo', mallSpec({ ingress: { host: 'gc.test' } }));
    const [job] = await eventually(async () => {
      const jobs = await list(client, path.jobs(ns));
      expect(jobs).toHaveLength(1);
      return jobs;
    });
    await completeJob(client, ns, job!.metadata.name);
    await eventually(async () => {
      expect(await list(client, path.deployments(ns))).toHaveLength(8);
      expect(await list(client, path.ingresses(ns))).toHaveLength(1);
    });

    expect((await client.delete(`${MALLS(ns)}/demo`)).status).toBe(200);
    await eventually(async () => {
      expect((await client.get(`${MALLS(ns)}/demo`)).status).toBe(404);
    });
    await eventually(async () => {
      for (const collection of [
        path.deployments(ns),
        path.services(ns),
        path.components(ns),
        path.configurations(ns),
        path.jobs(ns),
        path.ingresses(ns),
      ]) {
        expect(await list(client, collection)).toEqual([]);
      }
    }, 60_000);
  });
});
