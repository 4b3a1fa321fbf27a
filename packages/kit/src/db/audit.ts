import { z } from 'zod';
import { QueryTypes, type Sequelize } from 'sequelize';
import { OUTBOX_TABLE } from './outbox';

/** A service's unpublished outbox events older than the deadline (for the cross-service audit). */
export interface OutboxAudit {
  overdue: number;
  oldestSeconds: number | null;
}

/**
 * Counts the events still unpublished `deadlineSeconds` after they were written (by the database's
 * clock): a stuck relay's backlog and parked rows (dead letters, `parked_at` set, never published)
 * alike — either way someone must look. Reads only; the audit never fixes anything.
 */
export async function auditOutbox(
  sequelize: Sequelize,
  deadlineSeconds: number,
): Promise<OutboxAudit> {
  const [row] = await sequelize.query<{ overdue: number | string; oldest: number | string | null }>(
    `SELECT COUNT(*) AS overdue, MAX(TIMESTAMPDIFF(SECOND, created_at, NOW(3))) AS oldest
       FROM ${OUTBOX_TABLE}
      WHERE published_at IS NULL AND created_at < NOW(3) - INTERVAL :deadline SECOND`,
    { replacements: { deadline: deadlineSeconds }, type: QueryTypes.SELECT },
  );
  return {
    overdue: Number(row?.overdue ?? 0),
    oldestSeconds: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
  };
}

/** `GET /admin/audit` query of every service: how old an unpublished event may be. */
export const auditQuerySchema = z.strictObject({
  outboxDeadlineSeconds: z.coerce.number().int().min(1).max(86_400).default(120),
});
