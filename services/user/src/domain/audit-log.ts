import type { AuditAction, AuditEntry } from '@gomall/contracts';

/**
 * The admin audit log's entries as the user service writes them (the shapes admins read and the
 * gateway reports are the contracts' `AuditEntry` and `ReportedAction`).
 */
export interface NewAuditEntry {
  actorId: string;
  action: AuditAction;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

/** An entry as stored: the admin's email is looked up when the log is read. */
export type RecordedEntry = Omit<AuditEntry, 'actorEmail'>;
