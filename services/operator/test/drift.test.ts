import { driftPaths } from '../src/k8s/drift';
import { parseQuantity, sameQuantity } from '../src/k8s/quantity';
import { renderMall } from '../src/render';
import { mallFixture } from './support/mall';

interface LiveDeployment {
  metadata: { uid?: string; resourceVersion?: string; ownerReferences?: unknown[] };
  spec: {
    replicas: number;
    progressDeadlineSeconds?: number;
    template: {
      metadata: { annotations: Record<string, string> };
      spec: {
        dnsPolicy?: string;
        containers: Array<{
          env: unknown[];
          terminationMessagePath?: string;
          readinessProbe: { timeoutSeconds?: number };
        }>;
      };
    };
  };
  status?: unknown;
}

describe('drift detection', () => {
  const deployment = renderMall(mallFixture()).deployments[0]!;
  // What the API server stores: our fields plus defaults, status and server metadata.
  const live = (): LiveDeployment => {
    const copy = JSON.parse(JSON.stringify(deployment)) as LiveDeployment;
    copy.metadata.uid = 'd-1';
    copy.metadata.resourceVersion = '42';
    copy.spec.progressDeadlineSeconds = 600;
    copy.spec.template.spec.dnsPolicy = 'ClusterFirst';
    copy.spec.template.spec.containers[0]!.terminationMessagePath = '/dev/termination-log';
    copy.spec.template.spec.containers[0]!.readinessProbe.timeoutSeconds = 1;
    copy.status = { replicas: 1 };
    return copy;
  };

  it('ignores defaults, status and server metadata', () => {
    expect(driftPaths(deployment, live())).toEqual([]);
  });

  it('finds a hand-edited replica count', () => {
    const edited = live();
    edited.spec.replicas = 5;
    expect(driftPaths(deployment, edited)).toEqual(['.spec.replicas']);
  });

  it('finds a changed or removed annotation, but not an added one', () => {
    const changed = live();
    changed.spec.template.metadata.annotations['dapr.io/app-port'] = '9999';
    expect(driftPaths(deployment, changed)).toEqual([
      '.spec.template.metadata.annotations.dapr.io/app-port',
    ]);
    const removed = live();
    delete removed.spec.template.metadata.annotations['dapr.io/enabled'];
    expect(driftPaths(deployment, removed)).toEqual([
      '.spec.template.metadata.annotations.dapr.io/enabled',
    ]);
    const added = live();
    added.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'] = 'now';
    expect(driftPaths(deployment, added)).toEqual([]);
  });

  it('finds a removed env var and a stripped ownerReference', () => {
    const env = live();
    env.spec.template.spec.containers[0]!.env.pop();
    expect(driftPaths(deployment, env).length).toBeGreaterThan(0);
    const orphaned = live();
    delete orphaned.metadata.ownerReferences;
    expect(driftPaths(deployment, orphaned)).toEqual(['.metadata.ownerReferences']);
  });

  it('accepts empty objects and lists the server left out', () => {
    expect(driftPaths({ a: {}, b: [], c: 1 }, { c: 1 })).toEqual([]);
    expect(driftPaths({ a: { x: 1 } }, {})).toEqual(['.a']);
  });

  it('compares quantities by value, as the server rewrites them', () => {
    expect(driftPaths({ cpu: '0.5', memory: '1Gi' }, { cpu: '500m', memory: '1024Mi' })).toEqual(
      [],
    );
    expect(driftPaths({ cpu: '0.5' }, { cpu: '400m' })).toEqual(['.cpu']);
    expect(driftPaths({ name: 'a' }, { name: 'b' })).toEqual(['.name']);
  });
});

describe('quantities', () => {
  it('parses decimal, binary and exponent suffixes', () => {
    expect(parseQuantity('500m')).toBeCloseTo(0.5);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('http')).toBeUndefined();
    expect(sameQuantity('1000m', '1')).toBe(true);
    expect(sameQuantity('TCP', 'TCP')).toBe(false);
  });
});
