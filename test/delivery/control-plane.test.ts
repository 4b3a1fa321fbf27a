import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { parse } from 'yaml';
import {
  crdDir,
  DAPR_CRDS,
  KubeClient,
  PROMETHEUS_OPERATOR_CRDS,
  startControlPlane,
  type ControlPlane,
} from '@gomall/kube-harness';
import { tempDir, toolBin } from './support/tools';

// The harness itself: a real etcd + kube-apiserver with Dapr's and Prometheus Operator's CRDs.
describe('kube-harness control plane', () => {
  let plane: ControlPlane;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDir('gm-kube-');
    cleanup = temp.cleanup;
    plane = await startControlPlane({
      dataDir: temp.dir,
      kubeApiserverBin: toolBin('kube-apiserver'),
      crdDirs: [crdDir(DAPR_CRDS), crdDir(PROMETHEUS_OPERATOR_CRDS)],
    });
  }, 600_000);

  afterAll(async () => {
    await plane?.stop();
    cleanup?.();
  });

  it('serves the pinned Kubernetes release over TLS with the generated CA', async () => {
    const version = await plane.client.mustGet<{ gitVersion: string }>('/version');
    expect(version.gitVersion).toMatch(/^v1\.34\./);
    const kubeconfig = parse(readFileSync(plane.kubeconfigPath, 'utf8')) as {
      clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    };
    const cluster = kubeconfig.clusters[0]!.cluster;
    expect(cluster.server).toBe(plane.url);
    expect(Buffer.from(cluster['certificate-authority-data'], 'base64').toString()).toBe(
      plane.caPem,
    );
  });

  it('rejects a wrong token', async () => {
    const stranger = new KubeClient({ url: plane.url, token: 'not-the-token', caPem: plane.caPem });
    expect((await stranger.get('/api/v1/namespaces')).status).toBe(401);
  });

  it('has the Dapr and Prometheus Operator CRDs Established', () => {
    expect(plane.crds).toEqual(
      expect.arrayContaining([
        'components.dapr.io',
        'configurations.dapr.io',
        'resiliencies.dapr.io',
        'subscriptions.dapr.io',
        'podmonitors.monitoring.coreos.com',
        'servicemonitors.monitoring.coreos.com',
        'prometheusrules.monitoring.coreos.com',
      ]),
    );
  });

  it('validates custom resources against the CRD schemas', async () => {
    const path = '/apis/dapr.io/v1alpha1/namespaces/default/components';
    const good = await plane.client.create(path, {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'statestore' },
      spec: {
        type: 'state.redis',
        version: 'v1',
        metadata: [{ name: 'redisHost', value: 'r:6379' }],
      },
    });
    expect(good.status).toBe(201);
    // `type` and `version` are required by Dapr's schema.
    const bad = await plane.client.create(path, {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'broken' },
      spec: { metadata: [] },
    });
    expect(bad.status).toBe(422);
  });

  it('validates built-in objects server-side', async () => {
    const bad = await plane.client.create('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'Not_A_DNS_Name' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'c' } } },
      },
    });
    expect(bad.status).toBe(422);
  });

  it('stops etcd and the API server', async () => {
    const port = Number(new URL(plane.url).port);
    await plane.stop();
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    expect(open).toBe(false);
  });
});
