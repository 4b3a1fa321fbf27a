import { randomUUID } from 'node:crypto';
import type { User as PublicUser } from '@gomall/contracts';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { rolesFromColumn, rolesToColumn, type Ban } from '../domain/users';
import type { UserRow } from './models';

export interface StoredUser extends PublicUser {
  passwordHash: string;
  /** Set while the account is banned. */
  ban: Ban | null;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  roles: string[];
}

export const toStoredUser = (row: UserRow): StoredUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  roles: rolesFromColumn(row.roles),
  createdAt: row.createdAt.toISOString(),
  passwordHash: row.passwordHash,
  ban: row.bannedAt
    ? { at: row.bannedAt.toISOString(), by: row.bannedBy ?? '', reason: row.banReason ?? '' }
    : null,
});

export const toPublicUser = ({ passwordHash: _hash, ban: _ban, ...user }: StoredUser): PublicUser =>
  user;

export class UserRepository {
  constructor(private readonly User: typeof UserRow) {}

  /** Returns undefined when the email is taken (the unique index decides, also under races). */
  async create(user: NewUser, transaction?: Transaction): Promise<StoredUser | undefined> {
    try {
      const row = await this.User.create(
        {
          id: randomUUID(),
          email: user.email,
          name: user.name,
          passwordHash: user.passwordHash,
          roles: rolesToColumn(user.roles),
        },
        { transaction },
      );
      return toStoredUser(row);
    } catch (error) {
      if (error instanceof UniqueConstraintError) return undefined;
      throw error;
    }
  }

  async findById(id: string): Promise<StoredUser | undefined> {
    const row = await this.User.findByPk(id);
    return row ? toStoredUser(row) : undefined;
  }

  async findByEmail(email: string): Promise<StoredUser | undefined> {
    const row = await this.User.findOne({ where: { email } });
    return row ? toStoredUser(row) : undefined;
  }

  async update(
    id: string,
    changes: { name?: string; passwordHash?: string },
    transaction?: Transaction,
  ): Promise<StoredUser | undefined> {
    const row = await this.User.findByPk(id, { transaction, lock: transaction?.LOCK.UPDATE });
    if (!row) return undefined;
    if (changes.name !== undefined) row.name = changes.name;
    if (changes.passwordHash !== undefined) row.passwordHash = changes.passwordHash;
    await row.save({ transaction });
    return toStoredUser(row);
  }

  /** True when a row was deleted. */
  async delete(id: string, transaction?: Transaction): Promise<boolean> {
    return (await this.User.destroy({ where: { id }, transaction })) > 0;
  }
}
