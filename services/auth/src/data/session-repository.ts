import { randomUUID } from 'node:crypto';
import { Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { AuthModels } from './models';

export interface Session {
  id: string;
  userId: string;
  roles: string[];
  revoked: boolean;
  /** When the login happened: refreshes never carry it past the absolute session lifetime. */
  createdAt: Date;
}

export interface StoredRefreshToken {
  session: Session;
  expiresAt: Date;
  spent: boolean;
}

export class SessionRepository {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly models: AuthModels,
  ) {}

  /** In the caller's transaction (with its idempotency claim). */
  async create(
    userId: string,
    roles: string[],
    tokenHash: string,
    expiresAt: Date,
    transaction: Transaction,
  ): Promise<Session> {
    const id = randomUUID();
    await this.models.Session.create({ id, userId, roles: roles.join(',') }, { transaction });
    await this.models.RefreshToken.create({ tokenHash, sessionId: id, expiresAt }, { transaction });
    return { id, userId, roles, revoked: false, createdAt: new Date() };
  }

  async findRefreshToken(tokenHash: string): Promise<StoredRefreshToken | undefined> {
    const token = await this.models.RefreshToken.findByPk(tokenHash);
    if (!token) return undefined;
    const session = await this.models.Session.findByPk(token.sessionId);
    if (!session) return undefined;
    return {
      session: {
        id: session.id,
        userId: session.userId,
        roles: session.roles.split(',').filter(Boolean),
        revoked: session.revokedAt !== null,
        createdAt: session.createdAt,
      },
      expiresAt: token.expiresAt,
      spent: token.spentAt !== null,
    };
  }

  /**
   * Spends `oldHash` and stores `newHash` in its place, atomically (in the caller's transaction,
   * with its idempotency claim). False when the old token was spent meanwhile or its session
   * revoked: two parallel refreshes with one token cannot both win.
   */
  async rotate(
    oldHash: string,
    newHash: string,
    sessionId: string,
    expiresAt: Date,
    transaction: Transaction,
  ): Promise<boolean> {
    {
      const [, affected] = await this.sequelize.query(
        `UPDATE refresh_tokens r JOIN sessions s ON s.id = r.session_id
            SET r.spent_at = NOW(3)
          WHERE r.token_hash = ? AND r.spent_at IS NULL AND s.revoked_at IS NULL`,
        { replacements: [oldHash], type: QueryTypes.UPDATE, transaction },
      );
      if (affected !== 1) return false;
      await this.models.RefreshToken.create(
        { tokenHash: newHash, sessionId, expiresAt },
        { transaction },
      );
      return true;
    }
  }

  /** Revokes the session if it is the user's; false when it is someone else's or unknown. */
  async revoke(sessionId: string, userId?: string): Promise<boolean> {
    const where = userId === undefined ? { id: sessionId } : { id: sessionId, userId };
    const session = await this.models.Session.findOne({ where });
    if (!session) return false;
    if (session.revokedAt === null) {
      await this.models.Session.update({ revokedAt: new Date() }, { where: { id: sessionId } });
    }
    return true;
  }

  /**
   * Forgets what can no longer be used: expired refresh tokens, then logins left without any
   * token (an hour of grace so a login being created is never caught). Returns rows removed.
   */
  async purgeExpired(): Promise<number> {
    const tokens = await this.models.RefreshToken.destroy({
      where: { expiresAt: { [Op.lt]: new Date() } },
    });
    const sessions = await this.sequelize.query(
      `DELETE s FROM sessions s LEFT JOIN refresh_tokens r ON r.session_id = s.id
        WHERE r.session_id IS NULL AND s.created_at < NOW(3) - INTERVAL 1 HOUR`,
      { type: QueryTypes.BULKDELETE },
    );
    return tokens + sessions;
  }

  /** Ids of the user's logins that are still active. */
  async activeSessionsOf(userId: string): Promise<string[]> {
    const rows = await this.models.Session.findAll({
      attributes: ['id'],
      where: { userId, revokedAt: { [Op.is]: null } },
    });
    return rows.map((row) => row.id);
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.models.Session.update(
      { revokedAt: new Date() },
      { where: { userId, revokedAt: { [Op.is]: null } } },
    );
  }
}
