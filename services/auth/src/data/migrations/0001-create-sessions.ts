import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

export const createSessions: Migration = {
  name: '0001-create-sessions',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('sessions', {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      user_id: { type: DataTypes.STRING(64), allowNull: false },
      roles: { type: DataTypes.STRING(200), allowNull: false },
      revoked_at: { type: DataTypes.DATE(3), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('sessions', ['user_id']);
    await q.createTable('refresh_tokens', {
      token_hash: { type: DataTypes.CHAR(64), primaryKey: true },
      session_id: {
        type: DataTypes.CHAR(36),
        allowNull: false,
        references: { model: 'sessions', key: 'id' },
        onDelete: 'CASCADE',
      },
      expires_at: { type: DataTypes.DATE(3), allowNull: false },
      spent_at: { type: DataTypes.DATE(3), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await q.addIndex('refresh_tokens', ['session_id']);
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.dropTable('refresh_tokens');
    await q.dropTable('sessions');
  },
};
