import type { KubeClient } from '@gomall/kube-harness';
import { startTestPlane, type TestPlane } from './support/control-plane';
import {
  completeJob,
  createMall,
  createNamespace,
  eventually,
  list,
  mallSpec,
  path,
  sleep,
} from './support/mall-api';
import { OperatorProcess } from './support/operator-process';

interface Lease {
  spec: { holderIdentity?: string | null; leaseTransitions?: number };
}

// Two operator replicas on one real API server: the Lease lets exactly one reconcile; when it
// stops (or crashes) the other takes over.
describe('operator leader election', () => {
  let testPlane: TestPlane;
  let client: KubeClient;
  const operators: OperatorProcess[] = [];
  const leaseNs = 'gomall-system';

  const start = async (name: string) => {
    const operator = await OperatorProcess.start({
      name,
      kubeconfigPath: testPlane.plane.kubeconfigPath,
      dataDir: testPlane.dataDir,
      leaseNamespace: leaseNs,
    });
    operators.push(operator);
    return operator;
  };
  const holder = async () =>
    (await client.mustGet<Lease>(`${path.leases(leaseNs)}/gomall-operator`)).spec.holderIdentity;
  const reconciles = (operator: OperatorProcess) =>
    operator.metric('gomall_operator_reconciles_total');
  const writes = (operator: OperatorProcess) => operator.metric('gomall_operator_writes_total');

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-operator-lease-');
    client = testPlane.plane.client;
    await createNamespace(client, leaseNs);
    await createNamespace(client, 'shop');
  }, 600_000);

  afterAll(async () => {
    for (const operator of operators) await operator.stop();
    await testPlane?.stop();
  });

  it('lets exactly one of two replicas reconcile', async () => {
    const first = await start('operator-a');
    await eventually(async () => expect(await holder()).toBe('operator-a'));
    const second = await start('operator-b');

    await createMall(client, 'shop', 'demo', mallSpec());
    await eventually(async () => expect(await list(client, path.jobs('shop'))).toHaveLength(1));
    // Give the standby several lease periods to (wrongly) act.
    await sleep(4000);

    expect(await holder()).toBe('operator-a');
    expect(await reconciles(first)).toBeGreaterThan(0);
    expect(await first.metric('gomall_operator_leader')).toBe(1);
    expect(await reconciles(second)).toBe(0);
    expect(await writes(second)).toBe(0);
    expect(await second.metric('gomall_operator_leader')).toBe(0);
    // Both are healthy and ready: the standby waits, it is not broken.
    expect(await first.ready()).toBe(true);
    expect(await second.ready()).toBe(true);
  });

  it('hands over when the leader stops: it releases the lease and the standby reconciles', async () => {
    const [first, second] = operators as [OperatorProcess, OperatorProcess];
    await first.stop();
    await eventually(async () => expect(await holder()).toBe('operator-b'), 10_000);

    const [job] = await list(client, path.jobs('shop'));
    await completeJob(client, 'shop', job!.metadata.name);
    await eventually(async () => {
      expect(await list(client, path.deployments('shop'))).toHaveLength(8);
      expect(await list(client, path.services('shop'))).toHaveLength(8);
    });
    // Every Deployment and Service was written by the new leader.
    expect(await writes(second)).toBeGreaterThanOrEqual(16);
  });

  it('takes over from a crashed leader once its lease expires', async () => {
    const [, second] = operators as [OperatorProcess, OperatorProcess];
    const third = await start('operator-c');
    await sleep(1500);
    expect(await holder()).toBe('operator-b');
    expect(await reconciles(third)).toBe(0);

    await second.kill();
    const crashedAt = Date.now();
    await eventually(async () => expect(await holder()).toBe('operator-c'), 15_000);
    // Not before the 3 s lease ran out: a crashed leader cannot release it.
    expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(2500);
    await client.delete(`${path.services('shop')}/demo-cart`);
    await eventually(async () =>
      expect((await client.get(`${path.services('shop')}/demo-cart`)).status).toBe(200),
    );
    expect(await writes(third)).toBeGreaterThan(0);
  });
});
