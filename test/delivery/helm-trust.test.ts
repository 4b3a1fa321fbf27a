import { join } from 'node:path';
import type { KubeObject } from '@gomall/kube-harness';
import { byKind, CHART, helmCli, parseObjects, valuesFile, type Helm } from './support/helm';
import { REPO_ROOT, tempDir } from './support/tools';

// Issue 11 (zero trust) as the chart renders it: Redis AUTH on the production path and in the
// dev Redis.
interface Container {
  name: string;
  args?: string[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
}
const containersOf = (workload: KubeObject) =>
  (workload.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers;

describe('helm chart: Redis AUTH', () => {
  let helm: Helm;
  let cleanup: () => void;

  beforeAll(() => {
    const temp = tempDir('gm-helm-trust-');
    cleanup = temp.cleanup;
    helm = helmCli(temp.dir);
  });
  afterAll(() => cleanup?.());

  it('the values schema refuses a Redis without a password unless the Secret is managed outside', async () => {
    const refused = await helm([
      'template',
      'shop',
      CHART,
      '-f',
      valuesFile('minimal'),
      '--set',
      'redis.password=',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/redis\/password/);
    const objects = parseObjects(
      await helm.ok(['template', 'shop', CHART, '-f', valuesFile('minimal')]),
    );
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'shop-redis') as
      (KubeObject & { stringData: Record<string, string> }) | undefined;
    expect(new URL(secret!.stringData['redis-url']!).password).not.toBe('');
  });

  it('the dev Redis requires the release password (--requirepass from the Redis Secret)', async () => {
    const objects = parseObjects(
      await helm.ok([
        'template',
        'gomall',
        CHART,
        '-f',
        join(REPO_ROOT, 'tilt', 'values-dev.yaml'),
      ]),
    );
    const redis = byKind(objects, 'Deployment').find((d) => d.metadata.name === 'gomall-redis')!;
    const [container] = containersOf(redis);
    expect(container!.args).toEqual(expect.arrayContaining(['--requirepass', '$(REDIS_PASSWORD)']));
    expect(container!.env).toContainEqual({
      name: 'REDIS_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'gomall-redis', key: 'redis-password' } },
    });
  });
});
