/**
 * The `Mall` custom resource (malls.gomall.io/v1alpha1) as the operator sees it. The CRD in
 * charts/gomall-operator/crds/ is the source of truth for validation and defaults; these types
 * mirror it after the API server has applied those defaults.
 */
const MALL_GROUP = 'gomall.io';
const MALL_VERSION = 'v1alpha1';
export const MALL_API_VERSION = `${MALL_GROUP}/${MALL_VERSION}`;
export const MALL_KIND = 'Mall';

/** Held on every Mall until the operator has cleaned up what ownership cannot. */
export const MALL_FINALIZER = 'gomall.io/cleanup';
/** The field manager of every server-side apply and patch the operator makes. */
export const FIELD_MANAGER = 'gomall-operator';

export interface EgressTarget {
  cidrs?: string[];
  port?: number;
}

interface SecretRef {
  name: string;
}

/** Resource quantities by name (cpu, memory), as in a container's resources. */
type ResourceList = Record<string, string>;

export interface ServiceSpec {
  replicas: number;
  resources: { requests?: ResourceList; limits?: ResourceList };
}

export interface MallSpec {
  /** Image tag of every service image, and of the migration Job. */
  version: string;
  image: { registry: string; pullPolicy: 'Always' | 'IfNotPresent' | 'Never' };
  services: Record<string, ServiceSpec>;
  /** Secret keys: db-host, db-port. Accounts: `<mall>-<service>-db` (db-user, db-password) each. */
  database: { secretRef: SecretRef };
  /** Secret keys: redis-host (host:port), redis-password, redis-url (redis://…). */
  redis: { secretRef: SecretRef };
  /** Secret keys: jwt-keys (JSON kid → secret), jwt-current-kid. */
  jwt: { secretRef: SecretRef };
  /** The first admin account (Secret keys admin-email, admin-password); none without it. */
  admin?: { secretRef: SecretRef };
  /** The storefront's cookie-signing keys (Secret key cookie-keys); no storefront without it. */
  storefront?: { secretRef: SecretRef };
  ingress?: { host: string; className?: string; tlsSecretName?: string };
  /** Where MariaDB and Redis are, for the NetworkPolicies' egress (any address without CIDRs). */
  egress?: { database?: EgressTarget; redis?: EgressTarget };
  /** Seed the demo catalog during migration (development malls only). */
  seedDemoCatalog: boolean;
  /** While true the operator applies nothing; it only reports status. */
  paused: boolean;
}

export type ConditionType = 'Ready' | 'Migrated' | 'Progressing' | 'Degraded';
export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: ConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export type MallPhase =
  'Pending' | 'Migrating' | 'RollingOut' | 'Ready' | 'Degraded' | 'Paused' | 'Deleting';

export interface ServiceStatus {
  replicas: number;
  readyReplicas: number;
  updatedReplicas: number;
}

export interface MallStatus {
  observedGeneration?: number;
  phase?: MallPhase;
  /** The version whose migration has completed and whose Deployments were applied. */
  version?: string;
  /** "ready/total" services, for the printer column. */
  ready?: string;
  migrationJob?: string;
  conditions?: Condition[];
  services?: Record<string, ServiceStatus>;
}

interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  generation?: number;
  resourceVersion?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Mall {
  apiVersion: typeof MALL_API_VERSION;
  kind: typeof MALL_KIND;
  metadata: ObjectMeta;
  spec: MallSpec;
  status?: MallStatus;
}
