import type { KubeClient, KubeObject } from '@gomall/kube-harness';

export const MALLS = (namespace: string) =>
  `/apis/gomall.io/v1alpha1/namespaces/${namespace}/malls`;
export const path = {
  deployments: (ns: string) => `/apis/apps/v1/namespaces/${ns}/deployments`,
  services: (ns: string) => `/api/v1/namespaces/${ns}/services`,
  secrets: (ns: string) => `/api/v1/namespaces/${ns}/secrets`,
  jobs: (ns: string) => `/apis/batch/v1/namespaces/${ns}/jobs`,
  ingresses: (ns: string) => `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`,
  components: (ns: string) => `/apis/dapr.io/v1alpha1/namespaces/${ns}/components`,
  configurations: (ns: string) => `/apis/dapr.io/v1alpha1/namespaces/${ns}/configurations`,
  leases: (ns: string) => `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`,
  networkPolicies: (ns: string) => `/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`,
  serviceAccounts: (ns: string) => `/api/v1/namespaces/${ns}/serviceaccounts`,
};

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface MallObject extends KubeObject {
  metadata: KubeObject['metadata'] & {
    uid: string;
    generation: number;
    finalizers?: string[];
    deletionTimestamp?: string;
  };
  spec: Record<string, unknown>;
  status?: {
    observedGeneration?: number;
    phase?: string;
    version?: string;
    ready?: string;
    migrationJob?: string;
    conditions?: Condition[];
    services?: Record<string, { replicas: number; readyReplicas: number }>;
  };
}

export interface ChildObject extends KubeObject {
  metadata: KubeObject['metadata'] & {
    uid: string;
    ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }>;
  };
  spec: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read deep fields
}

export function mallSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '1.0.0',
    image: { registry: 'registry.test/gomall' },
    database: { secretRef: { name: 'mall-db' } },
    redis: { secretRef: { name: 'mall-redis' } },
    jwt: { secretRef: { name: 'mall-jwt' } },
    ...overrides,
  };
}

export async function createNamespace(client: KubeClient, name: string): Promise<void> {
  const response = await client.create('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  });
  if (response.status !== 201) throw new Error(`namespace ${name}: ${response.status}`);
}

export async function createMall(
  client: KubeClient,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<MallObject> {
  const response = await client.create<MallObject>(MALLS(namespace), {
    apiVersion: 'gomall.io/v1alpha1',
    kind: 'Mall',
    metadata: { name, namespace },
    spec,
  });
  if (response.status !== 201) {
    throw new Error(`create Mall: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export const getMall = (client: KubeClient, namespace: string, name: string) =>
  client.mustGet<MallObject>(`${MALLS(namespace)}/${name}`);

/** A JSON merge patch, as `kubectl patch --type merge` (subresource: `/status`). */
export async function mergePatch(client: KubeClient, objectPath: string, patch: unknown) {
  const response = await client.request<KubeObject>(
    'PATCH',
    objectPath,
    patch,
    'application/merge-patch+json',
  );
  if (response.status !== 200) {
    throw new Error(`PATCH ${objectPath}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function list<T = ChildObject>(client: KubeClient, collection: string): Promise<T[]> {
  return (await client.mustGet<{ items: T[] }>(collection)).items;
}

export const conditionsOf = (mall: MallObject): Record<string, string> =>
  Object.fromEntries(
    (mall.status?.conditions ?? []).map((c) => [c.type, `${c.status}:${c.reason}`]),
  );

/** What the Job controller writes when all pods of a Job succeeded (no kubelet runs here). */
export async function completeJob(client: KubeClient, namespace: string, name: string) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await mergePatch(client, `${path.jobs(namespace)}/${name}/status`, {
    status: {
      startTime: now,
      completionTime: now,
      succeeded: 1,
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now },
        { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now },
      ],
    },
  });
}

/** What the Job controller writes when the backoff limit is reached. */
export async function failJob(client: KubeClient, namespace: string, name: string) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const failure = {
    status: 'True',
    reason: 'BackoffLimitExceeded',
    message: 'Job has reached the specified backoff limit',
    lastProbeTime: now,
    lastTransitionTime: now,
  };
  await mergePatch(client, `${path.jobs(namespace)}/${name}/status`, {
    status: {
      startTime: now,
      failed: 3,
      conditions: [
        { type: 'FailureTarget', ...failure },
        { type: 'Failed', ...failure },
      ],
    },
  });
}

/** What the Deployment controller and kubelets report once every replica runs the template. */
export async function markDeploymentReady(client: KubeClient, deployment: ChildObject) {
  const replicas = (deployment.spec as { replicas: number }).replicas;
  const generation = (deployment.metadata as { generation?: number }).generation;
  await mergePatch(
    client,
    `${path.deployments(deployment.metadata.namespace!)}/${deployment.metadata.name}/status`,
    {
      status: {
        observedGeneration: generation,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
      },
    },
  );
}

/** Retries an assertion until it passes or the time is up. */
export async function eventually<T>(
  fn: () => T | Promise<T>,
  timeoutMs = 15_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
