import { randomBytes } from 'node:crypto';
import { LABELS } from '../mall/labels';
import type { KubeObject } from '../k8s/object';
import { RESOURCES } from '../k8s/resources';
import { PROCEED, type ReconcileContext, type StepResult } from './context';
import { ensureObject } from './ensure';

/**
 * Step 0: the NetworkPolicies (default deny first), one ServiceAccount per service, and each
 * service's Dapr token Secrets, before any pod of the Mall (the migration Job's included) exists.
 * A token Secret the Mall's owner made is kept; a missing one gets a random token of 36 bytes.
 */
export async function reconcileSecurity(context: ReconcileContext): Promise<StepResult> {
  for (const object of context.desired.security) await ensureObject(context, object);
  for (const secret of context.desired.tokenSecrets) {
    await context.createOnce({
      ...secret,
      stringData: { token: randomBytes(36).toString('base64url') },
    });
  }
  return PROCEED;
}

/** Step 3: Deployments (with their Dapr annotations) and Services, once the schemas are ready. */
export async function reconcileWorkloads(context: ReconcileContext): Promise<StepResult> {
  for (const deployment of context.desired.deployments) await ensureObject(context, deployment);
  for (const service of context.desired.services) await ensureObject(context, service);
  return PROCEED;
}

/** Step 4: the Ingress to the gateway, or none when `spec.ingress` was removed. */
export async function reconcileIngress(context: ReconcileContext): Promise<StepResult> {
  const { mall, cache, desired } = context;
  if (desired.ingress) {
    await ensureObject(context, desired.ingress);
    return PROCEED;
  }
  const stale = cache
    .list<KubeObject>(RESOURCES.ingress, mall.metadata.namespace)
    .filter((ingress) => ingress.metadata.labels?.[LABELS.mall] === mall.metadata.name);
  for (const ingress of stale) {
    await context.applier.delete(RESOURCES.ingress, mall.metadata.namespace, ingress.metadata.name);
    context.recorder.deleted('Ingress');
  }
  return PROCEED;
}
