import type { ReportedActionInput } from '@gomall/contracts';
import type { Logger } from '@gomall/kit';
import type { UserClient } from './user-client';

/**
 * Records admin actions other services carried out (an order's address, a saga retry) in the admin
 * audit log, which the user service keeps. Reported after the action succeeded; a report that
 * fails is logged (with what it was about) rather than turning the done action into an error the
 * admin would retry.
 */
export class AuditReporter {
  constructor(
    private readonly users: UserClient,
    private readonly logger: Logger,
  ) {}

  async record(action: ReportedActionInput): Promise<void> {
    try {
      await this.users.report(action);
    } catch (error) {
      this.logger.warn(
        { err: error, action: action.action, targetId: action.targetId },
        'could not record an admin action in the audit log',
      );
    }
  }
}
