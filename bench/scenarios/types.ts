import type { Stack } from '@gomall/devstack';
import type { BenchResult } from '../measure';
import type { Watched } from '../procstat';

export interface BenchContext {
  stack: Stack;
  gatewayUrl: string;
  connections: number;
  durationSec: number;
  log: (message: string) => void;
  /** Every process of the stack (MariaDB, Redis, each service and sidecar) with its current pid. */
  processes: () => Watched[];
}

/** A benchmark scenario: arranges what it needs through the public API, then measures. */
export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}
