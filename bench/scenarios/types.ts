import type { Stack } from '@gomall/devstack';
import type { BenchResult } from '../measure';

export interface BenchContext {
  stack: Stack;
  gatewayUrl: string;
  connections: number;
  durationSec: number;
  log: (message: string) => void;
}

/** A benchmark scenario: arranges what it needs through the public API, then measures. */
export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}
