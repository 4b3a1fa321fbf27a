import {
  ListWatch,
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { Logger } from '@gomall/kit';
import { ExponentialBackoff } from './backoff';
import type { KubeHttp } from './kube-http';
import type { KubeObject } from './object';
import { collectionPath, type ResourceType } from './resources';

export type InformerEvent = 'add' | 'update' | 'delete';

export interface InformerOptions {
  resource: ResourceType;
  /** Undefined: every namespace. */
  namespace?: string;
  labelSelector?: string;
  onEvent(event: InformerEvent, object: KubeObject): void;
}

/**
 * A local cache of one kind, kept current by list + watch (client-node's ListWatch). The library
 * reopens a watch that ends normally and re-lists after 410 Gone, but gives up after an error (the
 * API server restarting, a CRD not installed yet): this wrapper restarts it with backoff.
 */
export class Informer {
  private readonly listWatch: ListWatch<KubernetesObject>;
  private readonly backoff = new ExponentialBackoff({ baseMs: 500, maxMs: 30_000 });
  private synced = false;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    kubeConfig: KubeConfig,
    http: KubeHttp,
    private readonly options: InformerOptions,
    private readonly logger: Logger,
  ) {
    const path = collectionPath(options.resource, options.namespace);
    const list = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const result = await http.request<KubernetesListObject<KubernetesObject>>('GET', path, {
        query: { labelSelector: options.labelSelector },
      });
      this.synced = true;
      this.backoff.forget(path);
      return result;
    };
    this.listWatch = new ListWatch(path, new Watch(kubeConfig), list, false, options.labelSelector);
    for (const event of ['add', 'update', 'delete'] as const) {
      this.listWatch.on(event, (object) => options.onEvent(event, object as unknown as KubeObject));
    }
    this.listWatch.on('error', (error) => this.restartLater(path, error));
  }

  get kind(): string {
    return this.options.resource.kind;
  }

  /** True once the first list has filled the cache. */
  get hasSynced(): boolean {
    return this.synced;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listWatch.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.listWatch.stop();
  }

  get<T = KubeObject>(namespace: string, name: string): T | undefined {
    return this.listWatch.get(name, namespace) as T | undefined;
  }

  list<T = KubeObject>(namespace?: string): T[] {
    return this.listWatch.list(namespace) as unknown as T[];
  }

  private restartLater(path: string, error: unknown): void {
    if (this.stopped) return;
    const delay = this.backoff.next(path);
    this.logger.warn(
      { err: error, kind: this.options.resource.kind, retryInMs: delay },
      'watch failed; restarting',
    );
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (!this.stopped) void this.listWatch.start();
    }, delay);
    this.restartTimer.unref();
  }
}
