import type { KubeObject } from '../k8s/object';
import { servicesOf } from '../mall/services';
import type { Mall } from '../mall/types';
import { renderDaprComponents, renderDaprConfigurations } from './dapr';
import { renderTokenSecrets } from './dapr-tokens';
import { renderDeployment } from './deployment';
import { renderIngress } from './ingress';
import { renderMigrationJob } from './migration-job';
import {
  DEFAULT_CLUSTER_NETWORK,
  renderNetworkPolicies,
  type ClusterNetwork,
} from './network-policy';
import { renderService } from './service';
import { renderServiceAccount } from './service-account';

/** Everything a Mall should have, in the order it is reconciled. Pure: spec in, objects out. */
export interface DesiredMall {
  /** NetworkPolicies and ServiceAccounts: in place before any pod of the Mall runs. */
  security: KubeObject[];
  /** Each service's Dapr token Secrets: created when missing, never read or rewritten. */
  tokenSecrets: KubeObject[];
  dapr: KubeObject[];
  migrationJob: KubeObject;
  deployments: KubeObject[];
  services: KubeObject[];
  ingress: KubeObject | undefined;
}

export function renderMall(
  mall: Mall,
  network: ClusterNetwork = DEFAULT_CLUSTER_NETWORK,
): DesiredMall {
  return {
    security: [
      ...renderNetworkPolicies(mall, network),
      ...servicesOf(mall).map((service) => renderServiceAccount(mall, service)),
    ],
    tokenSecrets: servicesOf(mall).flatMap((service) => renderTokenSecrets(mall, service)),
    dapr: [...renderDaprConfigurations(mall), ...renderDaprComponents(mall)],
    migrationJob: renderMigrationJob(mall),
    deployments: servicesOf(mall).map((service) => renderDeployment(mall, service)),
    services: servicesOf(mall).map((service) => renderService(mall, service)),
    ingress: renderIngress(mall),
  };
}
