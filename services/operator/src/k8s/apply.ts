import { isConflict, isNotFound, type KubeHttp } from './kube-http';
import type { KubeObject } from './object';
import { collectionPath, objectPath, resourceOf, type ResourceType } from './resources';

const APPLY_PATCH = 'application/apply-patch+yaml';
const MERGE_PATCH = 'application/merge-patch+json';

/**
 * Writes to the API server under one field manager. Children are server-side applied with
 * `force`: the operator owns the fields it renders and takes them back from whoever edited them
 * (that is the drift repair), while fields it does not render stay with their owners.
 */
export class Applier {
  constructor(
    private readonly http: KubeHttp,
    private readonly fieldManager: string,
  ) {}

  /** Server-side apply (JSON is valid YAML, so the apply patch is the object itself). */
  apply<T extends KubeObject>(object: KubeObject): Promise<T> {
    const { namespace, name } = object.metadata;
    return this.http.request<T>('PATCH', objectPath(resourceOf(object), namespace ?? '', name), {
      query: { fieldManager: this.fieldManager, force: 'true' },
      body: object,
      contentType: APPLY_PATCH,
    });
  }

  /** Creates an object that must never be re-applied (a Job's template is immutable). */
  async createIfMissing(object: KubeObject): Promise<'created' | 'exists'> {
    try {
      await this.http.request(
        'POST',
        collectionPath(resourceOf(object), object.metadata.namespace),
        {
          query: { fieldManager: this.fieldManager },
          body: object,
        },
      );
      return 'created';
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  /** Deletes in the background (dependents go with it); an object already gone is fine. */
  async delete(resource: ResourceType, namespace: string, name: string): Promise<void> {
    try {
      await this.http.request('DELETE', objectPath(resource, namespace, name), {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** JSON merge patch; with `metadata.resourceVersion` in it, a stale patch fails with 409. */
  mergePatch<T>(
    resource: ResourceType,
    namespace: string,
    name: string,
    patch: unknown,
    subresource?: 'status',
  ): Promise<T> {
    return this.http.request<T>('PATCH', objectPath(resource, namespace, name, subresource), {
      query: { fieldManager: this.fieldManager },
      body: patch,
      contentType: MERGE_PATCH,
    });
  }
}
