import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@gomall/kit';
import type { Applier } from './k8s/apply';
import type { BackoffOptions } from './k8s/backoff';
import { Informer, type InformerEvent } from './k8s/informer';
import type { KubeHttp } from './k8s/kube-http';
import { objectKey, type KubeObject } from './k8s/object';
import { CHILD_RESOURCES, RESOURCES, type ResourceType } from './k8s/resources';
import { WorkQueue } from './k8s/work-queue';
import { LABELS, MANAGED_SELECTOR } from './mall/labels';
import type { AdmissionPolicy } from './mall/admission';
import type { OperatorMetrics } from './metrics';
import type { ClusterCache } from './reconcile/context';
import { MallReconciler } from './reconcile/reconciler';
import type { ClusterNetwork } from './render/network-policy';

export interface ControllerOptions {
  /** Watch one namespace, or all when undefined. */
  namespace: string | undefined;
  workers: number;
  /** Every Mall is reconciled at least this often, events or not. */
  resyncMs: number;
  backoff: BackoffOptions;
  admission: AdmissionPolicy;
  network: ClusterNetwork;
}

/** Dapr's CRDs may arrive after the operator: their informers retry, and do not gate readiness. */
const OPTIONAL_KINDS = new Set<ResourceType>([RESOURCES.component, RESOURCES.configuration]);

/**
 * Informers for Malls and everything they own feed one work queue of Mall keys; workers take keys
 * one at a time each (never the same key twice at once) and run the reconciler. Started only on
 * the replica that holds the leader lease.
 */
export class MallController implements ClusterCache {
  readonly queue: WorkQueue;
  private readonly informers = new Map<ResourceType, Informer>();
  private readonly reconciler: MallReconciler;
  private workers: Array<Promise<void>> = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    kubeConfig: KubeConfig,
    http: KubeHttp,
    applier: Applier,
    private readonly options: ControllerOptions,
    private readonly logger: Logger,
    private readonly metrics: OperatorMetrics,
  ) {
    this.queue = new WorkQueue(options.backoff);
    this.reconciler = new MallReconciler({
      cache: this,
      applier,
      recorder: metrics,
      logger,
      admission: options.admission,
      network: options.network,
    });
    const watch = (resource: ResourceType, labelSelector?: string) =>
      this.informers.set(
        resource,
        new Informer(
          kubeConfig,
          http,
          {
            resource,
            namespace: options.namespace,
            labelSelector,
            onEvent: (event, object) => this.onEvent(resource, event, object),
          },
          logger,
        ),
      );
    watch(RESOURCES.mall);
    for (const resource of CHILD_RESOURCES) watch(resource, MANAGED_SELECTOR);
  }

  /** True once every required cache has listed (readiness of the leader). */
  get hasSynced(): boolean {
    return [...this.informers].every(
      ([resource, informer]) => OPTIONAL_KINDS.has(resource) || informer.hasSynced,
    );
  }

  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].map((informer) => informer.start()));
    while (!this.hasSynced) {
      if (this.stopped) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.logger.info({ namespace: this.options.namespace ?? '(all)' }, 'caches synced');
    this.workers = Array.from({ length: this.options.workers }, () => this.runWorker());
    this.resyncTimer = setInterval(() => this.resync(), this.options.resyncMs);
    this.resyncTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    this.queue.shutDown();
    await Promise.all(this.workers);
    await Promise.all([...this.informers.values()].map((informer) => informer.stop()));
  }

  get<T = KubeObject>(resource: ResourceType, namespace: string, name: string): T | undefined {
    return this.informers.get(resource)?.get<T>(namespace, name);
  }

  list<T = KubeObject>(resource: ResourceType, namespace: string): T[] {
    return this.informers.get(resource)?.list<T>(namespace) ?? [];
  }

  private onEvent(resource: ResourceType, _event: InformerEvent, object: KubeObject): void {
    if (resource === RESOURCES.mall) {
      this.queue.add(objectKey(object));
      return;
    }
    // A child changed or went away: its Mall looks again (that is how drift is noticed).
    const mall = object.metadata.labels?.[LABELS.mall];
    if (mall && object.metadata.namespace) this.queue.add(`${object.metadata.namespace}/${mall}`);
  }

  private resync(): void {
    for (const mall of this.list(RESOURCES.mall, '')) this.queue.add(objectKey(mall));
  }

  private async runWorker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const started = process.hrtime.bigint();
      let result: 'success' | 'error' = 'success';
      try {
        const { requeueAfterMs } = await this.reconciler.reconcile(key);
        this.queue.forget(key);
        if (requeueAfterMs !== undefined) this.queue.addAfter(key, requeueAfterMs);
      } catch (error) {
        result = 'error';
        const retryInMs = this.queue.addRateLimited(key);
        this.metrics.reconcileErrors.inc();
        this.logger.warn({ err: error, mall: key, retryInMs }, 'reconcile failed');
      } finally {
        this.queue.done(key);
        this.metrics.reconciles.inc({ result });
        this.metrics.reconcileDuration.observe(
          { result },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      }
    }
  }
}
