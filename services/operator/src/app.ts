import { KubeConfig } from '@kubernetes/client-node';
import {
  createLogger,
  createServiceApp,
  ServiceMetrics,
  type Logger,
  type ServiceApp,
} from '@gomall/kit';
import type { OperatorConfig } from './config';
import { MallController } from './controller';
import { Applier } from './k8s/apply';
import { KubeHttp } from './k8s/kube-http';
import { LeaderElector } from './k8s/leader-election';
import { FIELD_MANAGER } from './mall/types';
import { OperatorMetrics } from './metrics';

export const SERVICE = 'operator';

export interface Operator {
  service: ServiceApp;
  logger: Logger;
  /** Starts campaigning for the lease; the controller runs while this replica leads. */
  start(): void;
  /** Stops reconciling, then gives the lease up. */
  close(): Promise<void>;
}

/** Wiring only: kubeconfig → API client → leader election → controller, and the ops endpoints. */
export function createOperator(config: OperatorConfig, onLostLeadership: () => void): Operator {
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const kubeConfig = new KubeConfig();
  // In a pod: the service account; elsewhere: $KUBECONFIG or ~/.kube/config.
  kubeConfig.loadFromDefault();
  const http = new KubeHttp(kubeConfig);
  const applier = new Applier(http, FIELD_MANAGER);
  const serviceMetrics = new ServiceMetrics(SERVICE);
  let controller: MallController | undefined;
  const metrics = new OperatorMetrics(serviceMetrics.registry, () => controller?.queue.depth ?? 0);

  const elector = new LeaderElector(
    http,
    {
      namespace: config.POD_NAMESPACE,
      name: config.LEASE_NAME,
      identity: config.POD_NAME,
      leaseDurationMs: config.LEASE_DURATION_SECONDS * 1000,
      renewDeadlineMs: config.RENEW_DEADLINE_SECONDS * 1000,
      retryPeriodMs: config.RETRY_PERIOD_SECONDS * 1000,
    },
    logger,
    {
      onStartedLeading: () => {
        metrics.leader.set(1);
        controller = new MallController(
          kubeConfig,
          http,
          applier,
          {
            // Namespace-scoped unless cluster scope is asked for: the operator's own by default.
            namespace: config.WATCH_ALL_NAMESPACES
              ? undefined
              : config.WATCH_NAMESPACE || config.POD_NAMESPACE,
            workers: config.WORKERS,
            resyncMs: config.RESYNC_SECONDS * 1000,
            backoff: { baseMs: config.BACKOFF_BASE_MS, maxMs: config.BACKOFF_MAX_MS },
            admission: {
              imagePrefixes: config.ALLOWED_IMAGE_PREFIXES,
              secretPatterns: config.ALLOWED_SECRETS,
            },
            network: {
              ingressNamespaces: config.INGRESS_NAMESPACE_SELECTOR,
              monitoringNamespaces: config.MONITORING_NAMESPACE_SELECTOR,
              daprNamespaces: config.DAPR_NAMESPACE_SELECTOR,
              dnsNamespaces: config.DNS_NAMESPACE_SELECTOR,
              dnsPods: config.DNS_POD_SELECTOR,
            },
          },
          logger,
          metrics,
        );
        controller.start().catch((error: unknown) => {
          logger.error({ err: error }, 'controller failed to start');
          onLostLeadership();
        });
      },
      // Another replica may lead by now: stop writing at once and let the process restart clean.
      onStoppedLeading: () => {
        metrics.leader.set(0);
        void controller?.stop();
        onLostLeadership();
      },
    },
  );

  const service = createServiceApp({
    service: SERVICE,
    // No API routes and no sidecar: the operator serves its ops port only.
    appToken: null,
    logger,
    metrics: serviceMetrics,
    routers: [],
    readiness: {
      // A standby is ready (it is healthy and waiting); a leader once its caches are filled.
      caches: () =>
        !elector.isLeader || controller?.hasSynced
          ? Promise.resolve()
          : Promise.reject(new Error('caches not synced yet')),
    },
  });

  return {
    service,
    logger,
    start: () => elector.start(),
    close: async () => {
      await controller?.stop();
      await elector.stop();
    },
  };
}
