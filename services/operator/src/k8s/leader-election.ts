import type { Logger } from '@gomall/kit';
import { isConflict, isNotFound, type KubeHttp } from './kube-http';
import { collectionPath, objectPath, RESOURCES } from './resources';

export interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number;
  acquireTime?: string | null;
  renewTime?: string | null;
  leaseTransitions?: number;
}

interface Lease {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec?: LeaseSpec;
}

export type LeaseDecision = 'renew' | 'acquire' | 'wait';

/**
 * Whether this candidate may take the lease. Expiry is judged from when *this* process last saw
 * the record change, not from the holder's renewTime, so clock skew between nodes cannot make
 * two replicas leaders at once (the client-go rule).
 */
export function decideLease(
  spec: LeaseSpec | undefined,
  identity: string,
  observedChangeAt: number,
  now: number,
): LeaseDecision {
  if (!spec?.holderIdentity) return 'acquire';
  if (spec.holderIdentity === identity) return 'renew';
  const durationMs = (spec.leaseDurationSeconds ?? 15) * 1000;
  return now >= observedChangeAt + durationMs ? 'acquire' : 'wait';
}

/** MicroTime as the API server writes it: RFC 3339 with six fractional digits. */
export const microTime = (date: Date): string => date.toISOString().replace(/Z$/, '000Z');

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationMs: number;
  /** A leader that could not renew for this long stops leading. */
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

export interface LeadershipCallbacks {
  onStartedLeading(): void;
  onStoppedLeading(): void;
}

/** Leader election on a coordination.k8s.io Lease, so two replicas never reconcile at once. */
export class LeaderElector {
  private leading = false;
  private stopped = false;
  private lastRenewAt = 0;
  private observed: { record: string; at: number } = { record: '', at: 0 };
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly http: KubeHttp,
    private readonly options: LeaderElectionOptions,
    private readonly logger: Logger,
    private readonly callbacks: LeadershipCallbacks,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops campaigning; a leader gives the lease up so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    if (this.leading) {
      this.leading = false;
      await this.release();
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let renewed = false;
      try {
        renewed = await this.tryAcquireOrRenew();
      } catch (error) {
        this.logger.warn({ err: error }, 'lease request failed');
      }
      if (this.stopped) break;
      const now = Date.now();
      if (renewed) {
        this.lastRenewAt = now;
        if (!this.leading) {
          this.leading = true;
          this.logger.info({ lease: this.options.name }, 'started leading');
          this.callbacks.onStartedLeading();
        }
      } else if (this.leading && now - this.lastRenewAt > this.options.renewDeadlineMs) {
        this.leading = false;
        this.logger.error({ lease: this.options.name }, 'lost the lease');
        this.callbacks.onStoppedLeading();
      }
      await this.sleep(this.options.retryPeriodMs);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name, identity } = this.options;
    const now = new Date();
    let lease: Lease;
    try {
      lease = await this.http.request<Lease>('GET', objectPath(RESOURCES.lease, namespace, name));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return this.create(now);
    }
    const record = JSON.stringify(lease.spec ?? {});
    if (record !== this.observed.record) this.observed = { record, at: now.getTime() };
    const decision = decideLease(lease.spec, identity, this.observed.at, now.getTime());
    if (decision === 'wait') return false;
    const spec: LeaseSpec = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.ceil(this.options.leaseDurationMs / 1000),
      acquireTime:
        decision === 'renew' ? (lease.spec?.acquireTime ?? microTime(now)) : microTime(now),
      renewTime: microTime(now),
      leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + (decision === 'acquire' ? 1 : 0),
    };
    try {
      // resourceVersion makes this a compare-and-swap: of two candidates only one write wins.
      await this.http.request('PUT', objectPath(RESOURCES.lease, namespace, name), {
        body: { ...lease, spec },
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  private async create(now: Date): Promise<boolean> {
    const { namespace, name, identity } = this.options;
    try {
      await this.http.request('POST', collectionPath(RESOURCES.lease, namespace), {
        body: {
          apiVersion: RESOURCES.lease.apiVersion,
          kind: RESOURCES.lease.kind,
          metadata: { name, namespace },
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds: Math.ceil(this.options.leaseDurationMs / 1000),
            acquireTime: microTime(now),
            renewTime: microTime(now),
            leaseTransitions: 0,
          },
        },
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  private async release(): Promise<void> {
    const { namespace, name, identity } = this.options;
    try {
      const lease = await this.http.request<Lease>(
        'GET',
        objectPath(RESOURCES.lease, namespace, name),
      );
      if (lease.spec?.holderIdentity !== identity) return;
      await this.http.request('PUT', objectPath(RESOURCES.lease, namespace, name), {
        body: {
          ...lease,
          spec: { ...lease.spec, holderIdentity: null, renewTime: microTime(new Date()) },
        },
      });
      this.logger.info({ lease: name }, 'released the lease');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not release the lease');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
