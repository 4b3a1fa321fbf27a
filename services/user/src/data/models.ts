import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export class UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  declare id: string;
  /** Normalised (trimmed, lower-case); unique. */
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  /** Comma-separated role names. */
  declare roles: string;
  /** Set while the account is banned (login refused); NULL otherwise. */
  declare bannedAt: CreationOptional<Date | null>;
  declare bannedBy: CreationOptional<string | null>;
  declare banReason: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One admin action: who did what to which target, when, with what details (JSON). */
export class AuditRow extends Model<InferAttributes<AuditRow>, InferCreationAttributes<AuditRow>> {
  declare id: CreationOptional<number>;
  declare at: Date;
  declare actorId: string;
  declare action: string;
  declare targetType: string;
  declare targetId: string;
  declare details: string;
}

export interface UserModels {
  User: typeof UserRow;
  Audit: typeof AuditRow;
}

export function defineModels(sequelize: Sequelize): UserModels {
  UserRow.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      passwordHash: { type: DataTypes.STRING(100), allowNull: false },
      roles: { type: DataTypes.STRING(200), allowNull: false },
      bannedAt: { type: DataTypes.DATE(3), allowNull: true },
      bannedBy: { type: DataTypes.STRING(64), allowNull: true },
      banReason: { type: DataTypes.STRING(500), allowNull: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'users' },
  );
  AuditRow.init(
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      at: { type: DataTypes.DATE(3), allowNull: false },
      actorId: { type: DataTypes.STRING(64), allowNull: false },
      action: { type: DataTypes.STRING(64), allowNull: false },
      targetType: { type: DataTypes.STRING(32), allowNull: false },
      targetId: { type: DataTypes.STRING(64), allowNull: false },
      details: { type: DataTypes.TEXT, allowNull: false },
    },
    { sequelize, tableName: 'admin_audit_log', timestamps: false },
  );
  return { User: UserRow, Audit: AuditRow };
}
