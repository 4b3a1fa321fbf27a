import { driftPaths } from '../k8s/drift';
import type { KubeObject } from '../k8s/object';
import { resourceOf } from '../k8s/resources';
import type { ReconcileContext } from './context';

/** The fields compared for drift: everything rendered except the type, which lists leave out. */
function comparable(object: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...object };
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
}

/**
 * Makes one child match its rendering: applied when missing or drifted, left alone otherwise (no
 * write, no new resourceVersion, no event storm). Returns what it did.
 */
export async function ensureObject(
  context: ReconcileContext,
  desired: KubeObject,
): Promise<'unchanged' | 'created' | 'repaired'> {
  const { namespace = '', name } = desired.metadata;
  const live = context.cache.get(resourceOf(desired), namespace, name);
  const drift = live ? driftPaths(comparable(desired), live) : [];
  if (live && drift.length === 0) return 'unchanged';
  await context.applier.apply(desired);
  context.recorder.applied(desired.kind, live ? 'drift' : 'missing');
  context.logger.info(
    { kind: desired.kind, name, namespace, drift: live ? drift.slice(0, 10) : undefined },
    live ? 'repaired drift' : 'created',
  );
  return live ? 'repaired' : 'created';
}
