import type { V1JobSpec, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { KubeObject } from '../k8s/object';
import { LABELS, mallLabels, ownerReference } from '../mall/labels';
import { MALL_SERVICES } from '../mall/services';
import type { Mall } from '../mall/types';
import { imageOf, serviceEnv } from './env';
import { shortHash } from './hash';
import {
  CONTAINER_SECURITY_CONTEXT,
  POD_SECURITY_CONTEXT,
  TMP_MOUNT,
  TMP_VOLUME,
} from './pod-security';

export const MIGRATION_COMPONENT = 'migration';
/** The migration pods' app.kubernetes.io/name (their NetworkPolicy selects on it). */
export const MIGRATION_POD = 'migrate';

/**
 * One Job migrates every schema of a version: a container per service that owns a schema, each
 * running its image's migrate entry. Schemas are independent, so the containers run side by side;
 * the Job completes when all of them have.
 */
function migrationPod(mall: Mall): V1PodTemplateSpec {
  return {
    metadata: {
      labels: {
        ...mallLabels(mall, MIGRATION_POD, MIGRATION_COMPONENT),
        [LABELS.version]: mall.spec.version,
      },
      // A migration talks to MariaDB only: no sidecar (it would also keep the Job from ending).
      annotations: { 'dapr.io/enabled': 'false' },
    },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: POD_SECURITY_CONTEXT,
      containers: MALL_SERVICES.filter((service) => service.database).map((service) => ({
        name: service.name,
        image: imageOf(mall, service.name),
        imagePullPolicy: mall.spec.image.pullPolicy,
        // The image's layout (Dockerfile): each service's build under services/<name>/dist.
        command: ['node', `services/${service.name}/dist/migrate.js`],
        env: serviceEnv(mall, service),
        resources: {
          requests: { cpu: '50m', memory: '128Mi' },
          limits: { memory: '256Mi' },
        },
        securityContext: CONTAINER_SECURITY_CONTEXT,
        volumeMounts: [TMP_MOUNT],
      })),
      volumes: [TMP_VOLUME],
    },
  };
}

/**
 * The Job for the Mall's current version and settings. Its name carries a hash of the pod
 * template: a Job's template is immutable, so a changed version (or database Secret) is a new Job,
 * and the rollout waits for that one.
 */
export function renderMigrationJob(mall: Mall): KubeObject {
  const template = migrationPod(mall);
  const spec: V1JobSpec = {
    backoffLimit: 2,
    activeDeadlineSeconds: 900,
    template,
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${mall.metadata.name}-migrate-${shortHash(template)}`,
      namespace: mall.metadata.namespace,
      labels: {
        ...mallLabels(mall, MIGRATION_POD, MIGRATION_COMPONENT),
        [LABELS.version]: mall.spec.version,
      },
      ownerReferences: [ownerReference(mall)],
    },
    spec,
  };
}

export type JobState = 'Missing' | 'Running' | 'Complete' | 'Failed';

interface JobStatusLike {
  status?: unknown;
}

type JobConditions = Array<{ type?: string; status?: string; message?: string }>;
const conditionsOf = (job: JobStatusLike | undefined): JobConditions =>
  (job?.status as { conditions?: JobConditions } | undefined)?.conditions ?? [];

/** Where a migration Job stands, from its status conditions (set by the Job controller). */
export function jobState(job: JobStatusLike | undefined): JobState {
  if (!job) return 'Missing';
  const conditions = conditionsOf(job);
  const isTrue = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  if (isTrue('Complete')) return 'Complete';
  if (isTrue('Failed')) return 'Failed';
  return 'Running';
}

export function jobFailureMessage(job: JobStatusLike | undefined): string {
  const failed = conditionsOf(job).find((c) => c.type === 'Failed' && c.status === 'True');
  return failed?.message ?? 'the migration Job failed';
}
