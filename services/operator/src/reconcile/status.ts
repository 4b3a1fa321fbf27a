import { servicesOf } from '../mall/services';
import type { Mall, MallPhase, MallStatus, ServiceStatus } from '../mall/types';
import { setCondition, type ConditionUpdate } from './conditions';

/** How far a reconcile got; the status is derived from it and from what the cluster reports. */
export type ReconcileOutcome =
  | { stage: 'Paused' }
  | { stage: 'Blocked'; reason: BlockedReason; message: string }
  | { stage: 'Migrating'; job: string }
  | { stage: 'MigrationFailed'; job: string; message: string }
  | { stage: 'RolledOut'; job: string };

type BlockedReason = 'DaprNotInstalled' | 'ApplyFailed' | 'NamespaceTaken' | 'NotAllowed';

/** Deployment status fields, as the Deployment controller reports them. */
export interface DeploymentLike {
  metadata: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
  };
}

export function serviceStatus(deployment: DeploymentLike | undefined): ServiceStatus {
  const status = deployment?.status;
  const current = (status?.observedGeneration ?? 0) >= (deployment?.metadata.generation ?? 1);
  return {
    replicas: deployment?.spec?.replicas ?? 0,
    readyReplicas: status?.readyReplicas ?? 0,
    // Counts of an older generation describe the previous template, not this one.
    updatedReplicas: current ? (status?.updatedReplicas ?? 0) : 0,
  };
}

const isServiceReady = (service: ServiceStatus): boolean =>
  service.readyReplicas >= service.replicas && service.updatedReplicas >= service.replicas;

/**
 * The Mall's status after a reconcile. Conditions:
 * - Migrated: the migration Job of `spec.version` has completed.
 * - Progressing: the operator is still moving the cluster towards the spec.
 * - Degraded: something needs a human (a failed migration, missing Dapr, a conflict).
 * - Ready: every service has all its replicas updated and ready.
 */
export function computeStatus(
  mall: Mall,
  previous: MallStatus | undefined,
  outcome: ReconcileOutcome,
  services: Record<string, ServiceStatus> | undefined,
  now: Date,
): MallStatus {
  const generation = mall.metadata.generation;
  let conditions = previous?.conditions ?? [];
  const set = (update: ConditionUpdate) => {
    conditions = setCondition(conditions, update, now, generation);
  };

  const names = servicesOf(mall).map((service) => service.name);
  const readyNames = services
    ? names.filter((name) => {
        const service = services[name];
        return service !== undefined && isServiceReady(service);
      })
    : [];
  const allReady = services !== undefined && readyNames.length === names.length;
  const waiting = names.filter((name) => !readyNames.includes(name));
  set(
    allReady
      ? {
          type: 'Ready',
          status: 'True',
          reason: 'AllServicesReady',
          message: 'Every service is ready',
        }
      : {
          type: 'Ready',
          status: 'False',
          reason: services ? 'ServicesNotReady' : 'NotDeployed',
          message: services ? `Waiting for ${waiting.join(', ')}` : 'No Deployments yet',
        },
  );

  let phase: MallPhase;
  let version = previous?.version;
  let migrationJob = previous?.migrationJob;
  switch (outcome.stage) {
    case 'Paused':
      phase = 'Paused';
      set({
        type: 'Progressing',
        status: 'False',
        reason: 'Paused',
        message: 'spec.paused is true: no changes are applied',
      });
      break;
    case 'Blocked':
      phase = 'Degraded';
      set({
        type: 'Progressing',
        status: 'False',
        reason: outcome.reason,
        message: outcome.message,
      });
      set({ type: 'Degraded', status: 'True', reason: outcome.reason, message: outcome.message });
      break;
    case 'Migrating':
      phase = 'Migrating';
      migrationJob = outcome.job;
      set({
        type: 'Migrated',
        status: 'False',
        reason: 'MigrationRunning',
        message: `Job ${outcome.job} migrates the schemas for version ${mall.spec.version}`,
      });
      set({
        type: 'Progressing',
        status: 'True',
        reason: 'Migrating',
        message: `Waiting for Job ${outcome.job} before rolling out ${mall.spec.version}`,
      });
      set({ type: 'Degraded', status: 'False', reason: 'AsExpected', message: '' });
      break;
    case 'MigrationFailed':
      phase = 'Degraded';
      migrationJob = outcome.job;
      set({
        type: 'Migrated',
        status: 'False',
        reason: 'MigrationFailed',
        message: `Job ${outcome.job}: ${outcome.message}`,
      });
      set({
        type: 'Progressing',
        status: 'False',
        reason: 'MigrationFailed',
        message: `Version ${mall.spec.version} is not rolled out because its migration failed`,
      });
      set({
        type: 'Degraded',
        status: 'True',
        reason: 'MigrationFailed',
        message: `Job ${outcome.job}: ${outcome.message}`,
      });
      break;
    case 'RolledOut':
      phase = allReady ? 'Ready' : 'RollingOut';
      version = mall.spec.version;
      migrationJob = outcome.job;
      set({
        type: 'Migrated',
        status: 'True',
        reason: 'MigrationComplete',
        message: `Job ${outcome.job} migrated the schemas for version ${mall.spec.version}`,
      });
      set(
        allReady
          ? {
              type: 'Progressing',
              status: 'False',
              reason: 'RolloutComplete',
              message: `Version ${mall.spec.version} is rolled out`,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: 'RollingOut',
              message: `Rolling out version ${mall.spec.version}: waiting for ${waiting.join(', ')}`,
            },
      );
      set({ type: 'Degraded', status: 'False', reason: 'AsExpected', message: '' });
      break;
  }

  return {
    ...(generation === undefined ? {} : { observedGeneration: generation }),
    phase,
    ...(version === undefined ? {} : { version }),
    ready: `${readyNames.length}/${names.length}`,
    ...(migrationJob === undefined ? {} : { migrationJob }),
    conditions,
    services: services ?? {},
  };
}
