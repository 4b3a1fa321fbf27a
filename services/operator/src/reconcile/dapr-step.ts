import { isNotFound, KubeApiError } from '../k8s/kube-http';
import type { KubeObject } from '../k8s/object';
import { resourceOf } from '../k8s/resources';
import type { Mall } from '../mall/types';
import { PROCEED, stop, type ReconcileContext, type StepResult } from './context';
import { ensureObject } from './ensure';

/** Another Mall (or another tool) already has this Dapr object: its name is fixed per namespace. */
function heldByOther(live: KubeObject | undefined, mall: Mall): boolean {
  const controller = live?.metadata.ownerReferences?.find((owner) => owner.controller);
  return controller !== undefined && controller.uid !== mall.metadata.uid;
}

/** Step 1: the Dapr Configuration and Components, before anything that needs a sidecar. */
export async function reconcileDapr(context: ReconcileContext): Promise<StepResult> {
  const { mall, cache } = context;
  for (const desired of context.desired.dapr) {
    const live = cache.get(resourceOf(desired), mall.metadata.namespace, desired.metadata.name);
    if (heldByOther(live, mall)) {
      return stop({
        stage: 'Blocked',
        reason: 'NamespaceTaken',
        message: `${desired.kind} ${desired.metadata.name} belongs to another Mall; one Mall per namespace`,
      });
    }
    try {
      await ensureObject(context, desired);
    } catch (error) {
      // The API server answers 404 for a kind it does not serve: Dapr's CRDs are not installed.
      if (isNotFound(error) && error instanceof KubeApiError) {
        return stop({
          stage: 'Blocked',
          reason: 'DaprNotInstalled',
          message: `${desired.apiVersion} ${desired.kind} is not served by the API server: install Dapr first`,
        });
      }
      throw error;
    }
  }
  return PROCEED;
}
