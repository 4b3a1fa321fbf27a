import { crdDir, DAPR_CRDS, installCrds, readCrds, type KubeClient } from '@gomall/kube-harness';
import { startTestPlane, type TestPlane } from './support/control-plane';
import {
  conditionsOf,
  createMall,
  createNamespace,
  eventually,
  getMall,
  list,
  mallSpec,
  path,
  sleep,
} from './support/mall-api';
import { OperatorProcess } from './support/operator-process';

// A cluster where Dapr is not installed yet: the Mall says so and waits; nothing is rolled out
// without its sidecars' resources. Once Dapr's CRDs arrive the operator carries on by itself.
describe('the operator before Dapr is installed', () => {
  let testPlane: TestPlane;
  let client: KubeClient;
  let operator: OperatorProcess;

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-operator-nodapr-', { withDapr: false });
    client = testPlane.plane.client;
    await createNamespace(client, 'gomall-system');
    await createNamespace(client, 'shop');
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

  it('is ready, reports DaprNotInstalled and starts no migration', async () => {
    await eventually(async () => expect(await operator.ready()).toBe(true));
    await createMall(client, 'shop', 'demo', mallSpec());
    await eventually(async () => {
      const mall = await getMall(client, 'shop', 'demo');
      expect(conditionsOf(mall).Degraded).toBe('True:DaprNotInstalled');
      expect(mall.status?.phase).toBe('Degraded');
    });
    await sleep(2000);
    expect(await list(client, path.jobs('shop'))).toEqual([]);
  });

  it('carries on once Dapr’s CRDs are installed', async () => {
    await installCrds(client, readCrds([crdDir(DAPR_CRDS)]));
    await eventually(
      async () => {
        expect(await list(client, path.components('shop'))).toHaveLength(2);
        expect(await list(client, path.jobs('shop'))).toHaveLength(1);
        const mall = await getMall(client, 'shop', 'demo');
        expect(conditionsOf(mall)).toMatchObject({
          Degraded: 'False:AsExpected',
          Progressing: 'True:Migrating',
        });
      },
      60_000,
      500,
    );
  });
});
