import type { V1DeploymentSpec } from '@kubernetes/client-node';
import type { KubeObject } from '../k8s/object';
import { LABELS, mallLabels, ownerReference, selectorLabels, workloadName } from '../mall/labels';
import type { MallService } from '../mall/services';
import type { Mall } from '../mall/types';
import { daprConfigurationName } from './dapr';
import { imageOf, serviceEnv } from './env';
import {
  CONTAINER_SECURITY_CONTEXT,
  POD_SECURITY_CONTEXT,
  TMP_MOUNT,
  TMP_VOLUME,
} from './pod-security';

/** daprd's Prometheus port, scraped beside the app's own /metrics. */
export const DAPR_METRICS_PORT = 9090;

/** /healthz, /readyz, /metrics of every service pod (OPS_PORT; the chart's serviceDefaults.opsPort). */
export const OPS_PORT = 9080;

/**
 * A service's Dapr token Secrets (key `token`), named as charts/gomall names them with the Mall's
 * name as the release: `<mall>-<service>-app-token` (daprd → app, APP_API_TOKEN) and
 * `<mall>-<service>-api-token` (app → daprd, DAPR_API_TOKEN). The Mall's owner may create them;
 * the operator creates the missing ones (render/dapr-tokens.ts).
 */
export const appTokenSecret = (mall: Mall, service: string): string =>
  `${mall.metadata.name}-${service}-app-token`;
export const apiTokenSecret = (mall: Mall, service: string): string =>
  `${mall.metadata.name}-${service}-api-token`;

/** The annotations the Dapr sidecar injector reads (the same set charts/gomall renders). */
function daprAnnotations(mall: Mall, service: MallService): Record<string, string> {
  return {
    'dapr.io/enabled': 'true',
    'dapr.io/app-id': service.name,
    'dapr.io/app-port': String(service.port),
    'dapr.io/app-protocol': 'http',
    'dapr.io/config': daprConfigurationName(mall, service.name),
    'dapr.io/enable-metrics': 'true',
    'dapr.io/metrics-port': String(DAPR_METRICS_PORT),
    'dapr.io/log-as-json': 'true',
    // Token authentication both ways: only the sidecar reaches the app, only the app its sidecar.
    'dapr.io/app-token-secret': appTokenSecret(mall, service.name),
    'dapr.io/api-token-secret': apiTokenSecret(mall, service.name),
    // daprd reads no Secret itself (the Dapr operator resolves the Components' secretKeyRefs), so
    // without its built-in Kubernetes secret store it needs no Kubernetes API token at all.
    'dapr.io/disable-builtin-k8s-secret-store': 'true',
    // daprd keeps serving while the app's preStop delay runs (see SHUTDOWN_DELAY_SECONDS).
    'dapr.io/block-shutdown-duration': `${SHUTDOWN_DELAY_SECONDS}s`,
  };
}

/**
 * On termination a pod keeps serving this long before the app drains, while Endpoints, the ingress
 * controller and the callers' sidecars stop sending it new requests (as the chart's
 * serviceDefaults.shutdownDelaySeconds): a rollout loses no request.
 */
const SHUTDOWN_DELAY_SECONDS = 5;

export function renderDeployment(mall: Mall, service: MallService): KubeObject {
  const settings = mall.spec.services[service.name];
  const spec: V1DeploymentSpec = {
    replicas: settings?.replicas ?? 1,
    revisionHistoryLimit: 5,
    selector: { matchLabels: selectorLabels(mall, service.name) },
    // One extra pod at a time and never fewer ready pods than asked for.
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    template: {
      metadata: {
        labels: {
          ...mallLabels(mall, service.name, 'service'),
          [LABELS.version]: mall.spec.version,
        },
        annotations: daprAnnotations(mall, service),
      },
      spec: {
        serviceAccountName: workloadName(mall, service.name),
        // Safe for daprd: the Dapr 1.16 injector mounts its own projected token (volume
        // dapr-identity-token, audience = sentry's SPIFFE id) for sentry to vouch for the pod,
        // whatever this says. The app never calls the API server.
        automountServiceAccountToken: false,
        securityContext: POD_SECURITY_CONTEXT,
        terminationGracePeriodSeconds: 30,
        containers: [
          {
            name: service.name,
            image: imageOf(mall, service.name),
            imagePullPolicy: mall.spec.image.pullPolicy,
            ports: [
              { name: 'http', containerPort: service.port, protocol: 'TCP' },
              { name: 'ops', containerPort: OPS_PORT, protocol: 'TCP' },
            ],
            env: [
              ...serviceEnv(mall, service),
              { name: 'OPS_PORT', value: String(OPS_PORT) },
              {
                name: 'APP_API_TOKEN',
                valueFrom: {
                  secretKeyRef: { name: appTokenSecret(mall, service.name), key: 'token' },
                },
              },
              {
                name: 'DAPR_API_TOKEN',
                valueFrom: {
                  secretKeyRef: { name: apiTokenSecret(mall, service.name), key: 'token' },
                },
              },
            ],
            readinessProbe: {
              httpGet: { path: '/readyz', port: 'ops' },
              periodSeconds: 5,
              failureThreshold: 3,
            },
            livenessProbe: {
              httpGet: { path: '/healthz', port: 'ops' },
              periodSeconds: 10,
              failureThreshold: 6,
            },
            lifecycle: {
              preStop: { exec: { command: ['sleep', String(SHUTDOWN_DELAY_SECONDS)] } },
            },
            resources: settings?.resources ?? {},
            securityContext: CONTAINER_SECURITY_CONTEXT,
            volumeMounts: [TMP_MOUNT],
          },
        ],
        volumes: [TMP_VOLUME],
      },
    },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: workloadName(mall, service.name),
      namespace: mall.metadata.namespace,
      labels: { ...mallLabels(mall, service.name, 'service'), [LABELS.version]: mall.spec.version },
      ownerReferences: [ownerReference(mall)],
    },
    spec,
  };
}
