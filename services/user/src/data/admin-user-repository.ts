import type { AdminUserQuery } from '@gomall/contracts';
import { col, fn, Op, where, type Transaction, type WhereOptions } from 'sequelize';
import { likePattern, ROLES, rolesToColumn } from '../domain/users';
import type { UserRow } from './models';
import { toStoredUser, type StoredUser } from './user-repository';

/** The admins' view of the users table: search, and the locked reads and writes of their actions. */
export class AdminUserRepository {
  constructor(private readonly User: typeof UserRow) {}

  /** A page of users matching the query, newest first (`id` breaks ties: pages never overlap). */
  async search(query: AdminUserQuery): Promise<{ items: StoredUser[]; total: number }> {
    const conditions: WhereOptions[] = [];
    if (query.q !== undefined) {
      const pattern = likePattern(query.q);
      conditions.push({
        [Op.or]: [{ email: { [Op.like]: pattern } }, { name: { [Op.like]: pattern } }],
      });
    }
    if (query.role !== undefined) {
      conditions.push(where(fn('FIND_IN_SET', query.role, col('roles')), Op.gt, 0));
    }
    if (query.banned !== undefined) {
      conditions.push({
        bannedAt: query.banned === 'true' ? { [Op.ne]: null } : { [Op.is]: null },
      });
    }
    const { rows, count } = await this.User.findAndCountAll({
      where: { [Op.and]: conditions },
      order: [
        ['createdAt', 'DESC'],
        ['id', 'ASC'],
      ],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toStoredUser), total: count };
  }

  async findById(id: string): Promise<StoredUser | undefined> {
    const row = await this.User.findByPk(id);
    return row ? toStoredUser(row) : undefined;
  }

  /** The emails of these users (one query; unknown ids are left out). */
  async emailsOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.User.findAll({ attributes: ['id', 'email'], where: { id: ids } });
    return new Map(rows.map((row) => [row.id, row.email]));
  }

  /** The user, their row locked until the transaction ends. */
  async lock(id: string, transaction: Transaction): Promise<StoredUser | undefined> {
    const row = await this.User.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    return row ? toStoredUser(row) : undefined;
  }

  /**
   * Ids of the admins who can still sign in (not banned), their rows locked: two demotions racing
   * each other are serialised, so they cannot both see "another admin is left".
   */
  async lockActiveAdmins(transaction: Transaction): Promise<string[]> {
    const rows = await this.User.findAll({
      attributes: ['id'],
      where: {
        [Op.and]: [where(fn('FIND_IN_SET', ROLES.admin, col('roles')), Op.gt, 0)],
        bannedAt: { [Op.is]: null },
      },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    return rows.map((row) => row.id);
  }

  /** Bans (or, with null, unbans) the user whose row the transaction locked. */
  async setBan(
    id: string,
    ban: { at: Date; by: string; reason: string } | null,
    transaction: Transaction,
  ): Promise<StoredUser> {
    await this.User.update(
      { bannedAt: ban?.at ?? null, bannedBy: ban?.by ?? null, banReason: ban?.reason ?? null },
      { where: { id }, transaction },
    );
    return this.reread(id, transaction);
  }

  async setRoles(id: string, roles: string[], transaction: Transaction): Promise<StoredUser> {
    await this.User.update({ roles: rolesToColumn(roles) }, { where: { id }, transaction });
    return this.reread(id, transaction);
  }

  private async reread(id: string, transaction: Transaction): Promise<StoredUser> {
    const row = await this.User.findByPk(id, { transaction });
    if (!row) throw new Error(`user ${id} vanished inside its own locked transaction`);
    return toStoredUser(row);
  }
}
