import type { Logger } from '@gomall/kit';
import type { StepId } from './saga/step-ids';

export interface FaultSwitch {
  /** Called right after a step's result is recorded. */
  afterStep(step: StepId, userId: string): void;
}

/**
 * Fault injection for the crash-recovery test only. Off unless `GOMALL_FAULT_CRASH_AFTER` names a
 * step: then the process exits hard (no drain, no closers, like a SIGKILL) right after that step
 * is recorded, optionally only for `GOMALL_FAULT_CRASH_USER`'s checkouts.
 */
export function faultSwitch(
  crashAfter: StepId | undefined,
  crashUser: string | undefined,
  logger: Logger,
  exit: (code: number) => never = (code) => process.exit(code),
): FaultSwitch {
  if (!crashAfter) return { afterStep: () => undefined };
  logger.warn({ crashAfter, crashUser }, 'fault injection armed: will crash after a saga step');
  return {
    afterStep(step, userId) {
      if (step !== crashAfter || (crashUser !== undefined && crashUser !== userId)) return;
      logger.fatal({ step }, 'fault injection: crashing now');
      exit(137);
    },
  };
}
