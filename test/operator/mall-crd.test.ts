import { request } from 'node:https';
import type { KubeClient } from '@gomall/kube-harness';
import { startTestPlane, type TestPlane } from './support/control-plane';
import { createNamespace, MALLS, mallSpec, type MallObject } from './support/mall-api';

interface Table {
  columnDefinitions: Array<{ name: string }>;
  rows: Array<{ cells: unknown[] }>;
}

/** What `kubectl get` asks for: the server renders the CRD's printer columns as a Table. */
function getTable(testPlane: TestPlane, objectPath: string): Promise<Table> {
  const { url, token, caPem } = testPlane.plane;
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(objectPath, url),
      {
        ca: caPem,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Table));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface Status {
  kind: string;
  reason: string;
  message: string;
}

// The Mall CRD as the chart ships it, judged by the API server itself: structural schema,
// defaults, CEL rules, the status subresource and the printer columns.
describe('the Mall CRD on a real API server', () => {
  let testPlane: TestPlane;
  let client: KubeClient;
  const ns = 'crd';
  let counter = 0;

  beforeAll(async () => {
    testPlane = await startTestPlane('gm-mall-crd-');
    client = testPlane.plane.client;
    await createNamespace(client, ns);
  }, 600_000);

  afterAll(async () => {
    await testPlane?.stop();
  });

  /** Creates with strict field validation, as `kubectl apply` does by default. */
  const create = (spec: unknown, name = `mall-${++counter}`) =>
    client.create<MallObject & Status>(`${MALLS(ns)}?fieldValidation=Strict`, {
      apiVersion: 'gomall.io/v1alpha1',
      kind: 'Mall',
      metadata: { name, namespace: ns },
      spec,
    });

  it('fills in the defaults of a minimal Mall', async () => {
    const { status, body } = await create(mallSpec({ image: undefined }));
    expect(status).toBe(201);
    expect(body.spec).toMatchObject({
      image: { registry: 'ghcr.io/gomall', pullPolicy: 'IfNotPresent' },
      paused: false,
      seedDemoCatalog: false,
    });
    const services = body.spec.services as Record<string, { replicas: number; resources: unknown }>;
    expect(Object.keys(services).sort()).toEqual(
      ['auth', 'cart', 'checkout', 'gateway', 'order', 'payment', 'product', 'user', 'web'].sort(),
    );
    expect(services.cart).toEqual({
      replicas: 1,
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    });
  });

  it.each([
    ['no version', mallSpec({ version: undefined }), 'spec.version: Required value'],
    ['a version with a space', mallSpec({ version: '1.0 beta' }), 'spec.version'],
    ['negative replicas', mallSpec({ services: { cart: { replicas: -1 } } }), 'replicas'],
    [
      'a non-quantity',
      mallSpec({ services: { cart: { resources: { limits: { cpu: 'lots' } } } } }),
      'limits',
    ],
    ['an unknown pull policy', mallSpec({ image: { pullPolicy: 'Sometimes' } }), 'pullPolicy'],
    ['no database secret', mallSpec({ database: {} }), 'spec.database.secretRef: Required value'],
    ['a bad ingress host', mallSpec({ ingress: { host: 'Not A Host' } }), 'spec.ingress.host'],
    [
      'an ingress without a gateway',
      mallSpec({ ingress: { host: 'shop.test' }, services: { gateway: { replicas: 0 } } }),
      'an ingress needs at least one gateway replica',
    ],
    ['an unknown service', mallSpec({ services: { warehouse: { replicas: 1 } } }), 'warehouse'],
    ['a string for paused', mallSpec({ paused: 'yes' }), 'spec.paused'],
    [
      'an admin without its Secret',
      mallSpec({ admin: {} }),
      'spec.admin.secretRef: Required value',
    ],
  ])('refuses %s', async (_what, spec, message) => {
    const { status, body } = await create(spec);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.message).toContain(message);
  });

  it('refuses a name too long to prefix its children', async () => {
    const { status, body } = await create(mallSpec(), 'a'.repeat(41));
    expect(status).toBe(422);
    expect(body.message).toContain('at most 40 characters');
  });

  it('keeps status behind its subresource and shows the printer columns', async () => {
    const { body: created } = await create(mallSpec({ version: '3.1.4' }), 'columns');
    const objectPath = `${MALLS(ns)}/columns`;
    // Status written through the main resource is dropped: only the operator's /status writes count.
    const ignored = await client.request<MallObject>(
      'PATCH',
      objectPath,
      { status: { phase: 'Ready' } },
      'application/merge-patch+json',
    );
    expect(ignored.body.status).toBeUndefined();
    const written = await client.request<MallObject>(
      'PATCH',
      `${objectPath}/status`,
      { status: { phase: 'Ready', ready: '8/8' } },
      'application/merge-patch+json',
    );
    expect(written.status).toBe(200);
    expect(written.body.metadata.generation).toBe(created.metadata.generation);

    const table = await getTable(testPlane, objectPath);
    expect(table.columnDefinitions.map((c) => c.name)).toEqual([
      'Name',
      'Version',
      'Ready',
      'Phase',
      'Age',
    ]);
    expect(table.rows[0]!.cells.slice(0, 4)).toEqual(['columns', '3.1.4', '8/8', 'Ready']);
  });
});
