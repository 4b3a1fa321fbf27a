import { isNotFound } from '../k8s/kube-http';
import type { KubeObject } from '../k8s/object';
import { CHILD_RESOURCES, RESOURCES } from '../k8s/resources';
import { LABELS } from '../mall/labels';
import { MALL_FINALIZER, type Mall } from '../mall/types';
import type { ReconcileContext } from './context';

export const hasFinalizer = (mall: Mall): boolean =>
  mall.metadata.finalizers?.includes(MALL_FINALIZER) ?? false;

/**
 * Children of this Mall that garbage collection will not remove: labelled for it but without an
 * owner (an ownerReference stripped by hand, or an object left by an earlier Mall of this name).
 */
export function unownedChildren(mall: Mall, children: readonly KubeObject[]): KubeObject[] {
  return children.filter(
    (child) =>
      child.metadata.labels?.[LABELS.mall] === mall.metadata.name &&
      !(child.metadata.ownerReferences ?? []).some(
        (owner) => owner.uid === mall.metadata.uid || owner.controller,
      ),
  );
}

/** The resourceVersion makes the patch fail (409) rather than overwrite a newer finalizer list. */
async function patchFinalizers(context: ReconcileContext, finalizers: string[]): Promise<void> {
  const { mall } = context;
  await context.applier.mergePatch(RESOURCES.mall, mall.metadata.namespace, mall.metadata.name, {
    metadata: { finalizers, resourceVersion: mall.metadata.resourceVersion },
  });
}

export async function addFinalizer(context: ReconcileContext): Promise<void> {
  await patchFinalizers(context, [...(context.mall.metadata.finalizers ?? []), MALL_FINALIZER]);
}

/**
 * The Mall is being deleted: delete what ownership cannot take with it, then let it go. Owned
 * children are left to the garbage collector (their ownerReferences point at the Mall).
 */
export async function finalize(context: ReconcileContext): Promise<void> {
  const { mall, cache } = context;
  const namespace = mall.metadata.namespace;
  for (const resource of CHILD_RESOURCES) {
    for (const child of unownedChildren(mall, cache.list<KubeObject>(resource, namespace))) {
      await context.applier.delete(resource, namespace, child.metadata.name);
      context.recorder.deleted(resource.kind);
      context.logger.info(
        { kind: resource.kind, name: child.metadata.name },
        'deleted an unowned child',
      );
    }
  }
  try {
    await patchFinalizers(
      context,
      (mall.metadata.finalizers ?? []).filter((finalizer) => finalizer !== MALL_FINALIZER),
    );
    context.logger.info('released the finalizer');
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
