import {
  AUDIT_ACTIONS,
  type AdminUser,
  type AdminUserQuery,
  type AuditAction,
  type AuditEntry,
  type AuditLogQuery,
  type Page,
  type ReportedAction,
} from '@gomall/contracts';
import { conflict, notFound } from '@gomall/kit';
import { type UnitOfWork } from '@gomall/kit/db';
import type { AdminUserRepository } from '../data/admin-user-repository';
import type { AuditLogRepository } from '../data/audit-log-repository';
import type { StoredUser } from '../data/user-repository';
import type { RecordedEntry } from './audit-log';
import { ROLES } from './users';

/** What the admin actions need of the user table and the audit log. */
export type AdminUserStore = Pick<
  AdminUserRepository,
  'search' | 'findById' | 'emailsOf' | 'lock' | 'lockActiveAdmins' | 'setBan' | 'setRoles'
>;
export type AuditStore = Pick<AuditLogRepository, 'add' | 'page'>;

export interface AdminUsersDeps {
  users: AdminUserStore;
  audit: AuditStore;
  /** Runs `work` in one database transaction (the change and its audit entry commit together). */
  inTransaction: <T>(work: (transaction: UnitOfWork) => Promise<T>) => Promise<T>;
}

const toAdminView = ({ passwordHash: _hash, ban, ...user }: StoredUser): AdminUser => ({
  ...user,
  banned: ban !== null,
  bannedAt: ban?.at ?? null,
  bannedBy: ban?.by ?? null,
  banReason: ban?.reason ?? null,
});

const NO_SUCH_USER = 'No such user';

/** What a change did, for its audit entry; undefined when there was nothing to change. */
type Change =
  { user: StoredUser; action: AuditAction; details: Record<string, unknown> } | undefined;

/**
 * What admins do to accounts: search, ban and unban, change roles — each change recorded in the
 * admin audit log in its own transaction. Ending the user's sessions (ban) and making a role change
 * reach tokens already issued is the auth service's part; the gateway calls it after these.
 * Repeating a ban, an unban or the same roles changes nothing and records nothing.
 */
export class AdminUsers {
  constructor(private readonly deps: AdminUsersDeps) {}

  async search(query: AdminUserQuery): Promise<Page<AdminUser>> {
    const { items, total } = await this.deps.users.search(query);
    return { items: items.map(toAdminView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string): Promise<AdminUser> {
    const user = await this.deps.users.findById(id);
    if (!user) throw notFound(NO_SUCH_USER);
    return toAdminView(user);
  }

  async ban(actorId: string, id: string, reason: string): Promise<AdminUser> {
    if (actorId === id) throw conflict('Admins cannot ban themselves');
    return this.changeUser(actorId, id, { lockAdmins: true }, async (target, admins, tx) => {
      if (target.ban) return undefined;
      if (admins.includes(id) && admins.length === 1) throw lastAdmin();
      const user = await this.deps.users.setBan(id, { at: new Date(), by: actorId, reason }, tx);
      return { user, action: AUDIT_ACTIONS.userBanned, details: { reason } };
    });
  }

  async unban(actorId: string, id: string): Promise<AdminUser> {
    return this.changeUser(actorId, id, { lockAdmins: false }, async (target, _admins, tx) => {
      if (!target.ban) return undefined;
      const previousReason = target.ban.reason;
      const user = await this.deps.users.setBan(id, null, tx);
      return { user, action: AUDIT_ACTIONS.userUnbanned, details: { previousReason } };
    });
  }

  /** Sets the user's roles; 409 when it would leave no admin who can sign in. */
  async setRoles(actorId: string, id: string, roles: string[]): Promise<AdminUser> {
    return this.changeUser(actorId, id, { lockAdmins: true }, async (target, admins, tx) => {
      const before = target.roles;
      if (before.join(',') === roles.join(',')) return undefined;
      const demoted = before.includes(ROLES.admin) && !roles.includes(ROLES.admin);
      if (demoted && admins.filter((admin) => admin !== id).length === 0) throw lastAdmin();
      const user = await this.deps.users.setRoles(id, roles, tx);
      return { user, action: AUDIT_ACTIONS.userRolesChanged, details: { before, after: roles } };
    });
  }

  /**
   * One admin change of one user, in one transaction with its audit entry. Locks the admins who
   * can sign in first when the change may leave none (every admin action takes its locks in this
   * order: admins, then the target), then the target; `change` decides and writes.
   */
  private changeUser(
    actorId: string,
    id: string,
    options: { lockAdmins: boolean },
    change: (target: StoredUser, admins: string[], transaction: UnitOfWork) => Promise<Change>,
  ): Promise<AdminUser> {
    const { users, audit, inTransaction } = this.deps;
    return inTransaction(async (transaction) => {
      const admins = options.lockAdmins ? await users.lockActiveAdmins(transaction) : [];
      const target = await users.lock(id, transaction);
      if (!target) throw notFound(NO_SUCH_USER);
      const changed = await change(target, admins, transaction);
      if (!changed) return toAdminView(target);
      const { user, action, details } = changed;
      await audit.add(
        {
          actorId,
          action,
          targetType: 'user',
          targetId: id,
          details: { email: user.email, ...details },
        },
        transaction,
      );
      return toAdminView(user);
    });
  }

  /** An admin action another service did (reported by the gateway). */
  report(actorId: string, entry: ReportedAction): Promise<RecordedEntry> {
    return this.deps.audit.add({ actorId, ...entry });
  }

  async auditLog(query: AuditLogQuery): Promise<Page<AuditEntry>> {
    const { items, total } = await this.deps.audit.page(query);
    const emails = await this.deps.users.emailsOf([...new Set(items.map((e) => e.actorId))]);
    return {
      items: items.map((entry) => ({ ...entry, actorEmail: emails.get(entry.actorId) ?? null })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}

const lastAdmin = () => conflict('This would leave the shop without an admin who can sign in');
