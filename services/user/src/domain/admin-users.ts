import { conflict, notFound } from '@gomall/kit';
import type { Transaction } from 'sequelize';
import type { AdminUserRepository } from '../data/admin-user-repository';
import type { AuditLogRepository } from '../data/audit-log-repository';
import type { StoredUser } from '../data/user-repository';
import {
  AUDIT_ACTIONS,
  type AuditEntry,
  type AuditQuery,
  type AuditView,
  type ReportedEntry,
} from './audit-log';
import { ROLES, type AdminUserQuery, type AdminUserView } from './users';

export interface AdminUsersDeps {
  users: AdminUserRepository;
  audit: AuditLogRepository;
  /** Runs `work` in one database transaction (the change and its audit entry commit together). */
  inTransaction: <T>(work: (transaction: Transaction) => Promise<T>) => Promise<T>;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

const toAdminView = ({ passwordHash: _hash, ban, ...user }: StoredUser): AdminUserView => ({
  ...user,
  banned: ban !== null,
  bannedAt: ban?.at ?? null,
  bannedBy: ban?.by ?? null,
  banReason: ban?.reason ?? null,
});

const NO_SUCH_USER = 'No such user';

/**
 * What admins do to accounts: search, ban and unban, change roles — each change recorded in the
 * admin audit log in its own transaction. Ending the user's sessions (ban) and making a role change
 * reach tokens already issued is the auth service's part; the gateway calls it after these.
 * Repeating a ban, an unban or the same roles changes nothing and records nothing.
 */
export class AdminUsers {
  constructor(private readonly deps: AdminUsersDeps) {}

  async search(query: AdminUserQuery): Promise<Paged<AdminUserView>> {
    const { items, total } = await this.deps.users.search(query);
    return { items: items.map(toAdminView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string): Promise<AdminUserView> {
    const user = await this.deps.users.findById(id);
    if (!user) throw notFound(NO_SUCH_USER);
    return toAdminView(user);
  }

  async ban(actorId: string, id: string, reason: string): Promise<AdminUserView> {
    if (actorId === id) throw conflict('Admins cannot ban themselves');
    const { users, audit, inTransaction } = this.deps;
    return inTransaction(async (transaction) => {
      // Admins first, then the target: every admin action takes its locks in this order.
      const admins = await users.lockActiveAdmins(transaction);
      const target = await users.lock(id, transaction);
      if (!target) throw notFound(NO_SUCH_USER);
      if (target.ban) return toAdminView(target);
      if (admins.includes(id) && admins.length === 1) throw lastAdmin();
      const user = await users.setBan(id, { at: new Date(), by: actorId, reason }, transaction);
      await audit.add(
        {
          actorId,
          action: AUDIT_ACTIONS.userBanned,
          targetType: 'user',
          targetId: id,
          details: { email: user.email, reason },
        },
        transaction,
      );
      return toAdminView(user);
    });
  }

  async unban(actorId: string, id: string): Promise<AdminUserView> {
    const { users, audit, inTransaction } = this.deps;
    return inTransaction(async (transaction) => {
      const target = await users.lock(id, transaction);
      if (!target) throw notFound(NO_SUCH_USER);
      if (!target.ban) return toAdminView(target);
      const previousReason = target.ban.reason;
      const user = await users.setBan(id, null, transaction);
      await audit.add(
        {
          actorId,
          action: AUDIT_ACTIONS.userUnbanned,
          targetType: 'user',
          targetId: id,
          details: { email: user.email, previousReason },
        },
        transaction,
      );
      return toAdminView(user);
    });
  }

  /** Sets the user's roles; 409 when it would leave no admin who can sign in. */
  async setRoles(actorId: string, id: string, roles: string[]): Promise<AdminUserView> {
    const { users, audit, inTransaction } = this.deps;
    return inTransaction(async (transaction) => {
      const admins = await users.lockActiveAdmins(transaction);
      const target = await users.lock(id, transaction);
      if (!target) throw notFound(NO_SUCH_USER);
      const before = target.roles;
      if (before.join(',') === roles.join(',')) return toAdminView(target);
      const demoted = before.includes(ROLES.admin) && !roles.includes(ROLES.admin);
      if (demoted && admins.filter((admin) => admin !== id).length === 0) throw lastAdmin();
      const user = await users.setRoles(id, roles, transaction);
      await audit.add(
        {
          actorId,
          action: AUDIT_ACTIONS.userRolesChanged,
          targetType: 'user',
          targetId: id,
          details: { email: user.email, before, after: roles },
        },
        transaction,
      );
      return toAdminView(user);
    });
  }

  /** An admin action another service did (reported by the gateway). */
  report(actorId: string, entry: ReportedEntry): Promise<AuditEntry> {
    return this.deps.audit.add({ actorId, ...entry });
  }

  async auditLog(query: AuditQuery): Promise<Paged<AuditView>> {
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
