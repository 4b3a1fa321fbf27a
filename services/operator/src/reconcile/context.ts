import type { Logger } from '@gomall/kit';
import type { Applier } from '../k8s/apply';
import type { KubeObject } from '../k8s/object';
import type { ResourceType } from '../k8s/resources';
import type { Mall } from '../mall/types';
import type { DesiredMall } from '../render';
import type { ReconcileOutcome } from './status';

/** Read access to the informers' caches: what the cluster had at the last watch event. */
export interface ClusterCache {
  get<T = KubeObject>(resource: ResourceType, namespace: string, name: string): T | undefined;
  list<T = KubeObject>(resource: ResourceType, namespace: string): T[];
}

/** Counts what the operator changes, for its /metrics. */
export interface ApplyRecorder {
  applied(kind: string, reason: 'missing' | 'drift'): void;
  deleted(kind: string): void;
}

export interface ReconcileContext {
  mall: Mall;
  desired: DesiredMall;
  cache: ClusterCache;
  applier: Applier;
  recorder: ApplyRecorder;
  logger: Logger;
  /**
   * Creates an object unless it exists (409), at most once per object per operator process:
   * for Secrets, which the operator may create but not read, so it cannot see them in a cache.
   */
  createOnce(object: KubeObject): Promise<void>;
}

/** A step either lets the sequence go on, or ends this reconcile with an outcome. */
export type StepResult = { proceed: true } | { proceed: false; outcome: ReconcileOutcome };
export const PROCEED: StepResult = { proceed: true };
export const stop = (outcome: ReconcileOutcome): StepResult => ({ proceed: false, outcome });
