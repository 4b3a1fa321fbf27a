import type { Condition, ConditionStatus, ConditionType } from '../mall/types';

export interface ConditionUpdate {
  type: ConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
}

/**
 * Sets one condition the way Kubernetes conventions ask: `lastTransitionTime` moves only when the
 * status changes, reason and message always follow the latest observation.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: Date,
  observedGeneration?: number,
): Condition[] {
  const current = conditions ?? [];
  const previous = current.find((condition) => condition.type === update.type);
  const next: Condition = {
    ...update,
    lastTransitionTime:
      previous && previous.status === update.status
        ? previous.lastTransitionTime
        : now.toISOString(),
    ...(observedGeneration === undefined ? {} : { observedGeneration }),
  };
  const others = current.filter((condition) => condition.type !== update.type);
  return [...others, next].sort((a, b) => CONDITION_ORDER[a.type] - CONDITION_ORDER[b.type]);
}

/** A fixed order keeps the status stable between reconciles (no needless writes). */
const CONDITION_ORDER: Record<ConditionType, number> = {
  Ready: 0,
  Migrated: 1,
  Progressing: 2,
  Degraded: 3,
};
