import type { AuditAction, AuditLogQuery } from '@gomall/contracts';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { NewAuditEntry, RecordedEntry } from '../domain/audit-log';
import type { AuditRow } from './models';

const toEntry = (row: AuditRow): RecordedEntry => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actorId: row.actorId,
  // Only this repository writes the column, and only an AuditAction.
  action: row.action as AuditAction,
  targetType: row.targetType,
  targetId: row.targetId,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

/** The admin audit log: append-only (nothing here updates or deletes a row). */
export class AuditLogRepository {
  constructor(private readonly Audit: typeof AuditRow) {}

  async add(entry: NewAuditEntry, transaction?: Transaction): Promise<RecordedEntry> {
    const row = await this.Audit.create(
      {
        at: new Date(),
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        details: JSON.stringify(entry.details),
      },
      { transaction },
    );
    return toEntry(row);
  }

  /** Newest first. */
  async page(query: AuditLogQuery): Promise<{ items: RecordedEntry[]; total: number }> {
    const where: WhereOptions<AuditRow> = {};
    if (query.actorId !== undefined) where.actorId = query.actorId;
    if (query.targetId !== undefined) where.targetId = query.targetId;
    if (query.action !== undefined) where.action = query.action;
    if (query.from !== undefined || query.to !== undefined) {
      where.at = {
        ...(query.from !== undefined ? { [Op.gte]: new Date(query.from) } : {}),
        ...(query.to !== undefined ? { [Op.lt]: new Date(query.to) } : {}),
      };
    }
    const { rows, count } = await this.Audit.findAndCountAll({
      where,
      order: [
        ['at', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toEntry), total: count };
  }
}
