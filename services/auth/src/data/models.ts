import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One login: every refresh token rotated from it belongs to it, and it is revoked as a whole. */
class SessionRow extends Model<InferAttributes<SessionRow>, InferCreationAttributes<SessionRow>> {
  declare id: string;
  declare userId: string;
  /** Comma-separated roles, as the user had them at login. */
  declare roles: string;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

class RefreshTokenRow extends Model<
  InferAttributes<RefreshTokenRow>,
  InferCreationAttributes<RefreshTokenRow>
> {
  /** SHA-256 (hex) of the opaque token; the token itself is never stored. */
  declare tokenHash: string;
  declare sessionId: string;
  declare expiresAt: Date;
  /** Set when the token was exchanged; presenting it again is reuse. */
  declare spentAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
}

export interface AuthModels {
  Session: typeof SessionRow;
  RefreshToken: typeof RefreshTokenRow;
}

export function defineModels(sequelize: Sequelize): AuthModels {
  SessionRow.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      userId: { type: DataTypes.STRING(64), allowNull: false },
      roles: { type: DataTypes.STRING(200), allowNull: false },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'sessions' },
  );
  RefreshTokenRow.init(
    {
      tokenHash: { type: DataTypes.CHAR(64), primaryKey: true },
      sessionId: { type: DataTypes.CHAR(36), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      spentAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'refresh_tokens', updatedAt: false },
  );
  return { Session: SessionRow, RefreshToken: RefreshTokenRow };
}
