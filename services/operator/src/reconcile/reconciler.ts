import type { Logger } from '@gomall/kit';
import type { Applier } from '../k8s/apply';
import type { KubeObject } from '../k8s/object';
import { isNotFound } from '../k8s/kube-http';
import { splitKey } from '../k8s/object';
import { RESOURCES } from '../k8s/resources';
import { workloadName } from '../mall/labels';
import { servicesOf } from '../mall/services';
import type { Mall, MallStatus, ServiceStatus } from '../mall/types';
import { admissionRefusals, DEFAULT_ADMISSION, type AdmissionPolicy } from '../mall/admission';
import { renderMall } from '../render';
import { DEFAULT_CLUSTER_NETWORK, type ClusterNetwork } from '../render/network-policy';
import { stableStringify } from '../render/hash';
import type { ApplyRecorder, ClusterCache, ReconcileContext } from './context';
import { reconcileDapr } from './dapr-step';
import { addFinalizer, finalize, hasFinalizer } from './finalizer';
import { deleteOldMigrations, reconcileMigration } from './migration-step';
import { computeStatus, serviceStatus, type DeploymentLike, type ReconcileOutcome } from './status';
import { reconcileIngress, reconcileSecurity, reconcileWorkloads } from './workloads-step';

export interface ReconcileResult {
  /** Look again after this long even without an event (waiting on something we do not watch). */
  requeueAfterMs?: number;
}

const DAPR_RETRY_MS = 15_000;

export interface ReconcilerDependencies {
  cache: ClusterCache;
  applier: Applier;
  recorder: ApplyRecorder;
  logger: Logger;
  now?: () => Date;
  /** The images and Secrets a Mall may name (operator configuration). */
  admission?: AdmissionPolicy;
  /** Where the ingress controller, monitoring, Dapr and DNS run, for the NetworkPolicies. */
  network?: ClusterNetwork;
}

/**
 * Brings one Mall's children in line with its spec, in order: Dapr resources → migration Job →
 * (only once it completed) Deployments and Services → Ingress. Then writes the status. Every
 * step reads the informers' caches and writes only what is missing or drifted, so running it
 * again and again is cheap and changes nothing.
 */
export class MallReconciler {
  /** `<mall uid>/<kind>/<name>` of what createOnce made or found: never asked for again. */
  private readonly created = new Set<string>();

  constructor(private readonly deps: ReconcilerDependencies) {}

  private async createOnce(mall: Mall, object: KubeObject): Promise<void> {
    const key = `${mall.metadata.uid}/${object.kind}/${object.metadata.name}`;
    if (this.created.has(key)) return;
    if ((await this.deps.applier.createIfMissing(object)) === 'created') {
      this.deps.recorder.applied(object.kind, 'missing');
    }
    this.created.add(key);
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const mall = this.deps.cache.get<Mall>(RESOURCES.mall, namespace, name);
    if (!mall) return {};
    const context: ReconcileContext = {
      mall,
      desired: renderMall(mall, this.deps.network ?? DEFAULT_CLUSTER_NETWORK),
      cache: this.deps.cache,
      applier: this.deps.applier,
      recorder: this.deps.recorder,
      logger: this.deps.logger.child({ mall: key, generation: mall.metadata.generation }),
      createOnce: (object) => this.createOnce(mall, object),
    };

    if (mall.metadata.deletionTimestamp) {
      if (hasFinalizer(mall)) await finalize(context);
      return {};
    }
    if (!hasFinalizer(mall)) await addFinalizer(context);

    let outcome: ReconcileOutcome;
    try {
      outcome = await this.runSteps(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.writeStatus(context, { stage: 'Blocked', reason: 'ApplyFailed', message }).catch(
        (statusError: unknown) =>
          context.logger.warn({ err: statusError }, 'could not record the failure in status'),
      );
      throw error;
    }
    await this.writeStatus(context, outcome);
    const blockedOnDapr = outcome.stage === 'Blocked' && outcome.reason === 'DaprNotInstalled';
    return blockedOnDapr ? { requeueAfterMs: DAPR_RETRY_MS } : {};
  }

  private async runSteps(context: ReconcileContext): Promise<ReconcileOutcome> {
    if (context.mall.spec.paused) return { stage: 'Paused' };
    // Refused before anything is applied: a Mall may name only allowed images and Secrets.
    const refusals = admissionRefusals(context.mall, this.deps.admission ?? DEFAULT_ADMISSION);
    if (refusals.length) {
      context.logger.warn({ refusals }, 'mall refused');
      return { stage: 'Blocked', reason: 'NotAllowed', message: refusals.join('; ') };
    }
    const steps = [
      reconcileSecurity,
      reconcileDapr,
      reconcileMigration,
      reconcileWorkloads,
      reconcileIngress,
    ];
    for (const step of steps) {
      const result = await step(context);
      if (!result.proceed) return result.outcome;
    }
    await deleteOldMigrations(context);
    return { stage: 'RolledOut', job: context.desired.migrationJob.metadata.name };
  }

  /** Per-service replica counts; undefined before any Deployment exists. */
  private observeServices(mall: Mall): Record<string, ServiceStatus> | undefined {
    const observed: Record<string, ServiceStatus> = {};
    let any = false;
    for (const service of servicesOf(mall)) {
      const deployment = this.deps.cache.get<DeploymentLike>(
        RESOURCES.deployment,
        mall.metadata.namespace,
        workloadName(mall, service.name),
      );
      if (deployment) any = true;
      observed[service.name] = deployment
        ? serviceStatus(deployment)
        : {
            replicas: mall.spec.services[service.name]?.replicas ?? 1,
            readyReplicas: 0,
            updatedReplicas: 0,
          };
    }
    return any ? observed : undefined;
  }

  private async writeStatus(context: ReconcileContext, outcome: ReconcileOutcome): Promise<void> {
    const { mall } = context;
    const now = this.deps.now?.() ?? new Date();
    const status = computeStatus(mall, mall.status, outcome, this.observeServices(mall), now);
    if (sameStatus(mall.status, status)) return;
    try {
      await context.applier.mergePatch(
        RESOURCES.mall,
        mall.metadata.namespace,
        mall.metadata.name,
        { status },
        'status',
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (mall.status?.phase !== status.phase) {
      context.logger.info({ from: mall.status?.phase, to: status.phase }, 'phase changed');
    }
  }
}

const sameStatus = (a: MallStatus | undefined, b: MallStatus): boolean =>
  stableStringify(a ?? {}) === stableStringify(b);
