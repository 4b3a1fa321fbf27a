import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

export const createUsers: Migration = {
  name: '0001-create-users',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.createTable('users', {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      email: { type: DataTypes.STRING(254), allowNull: false },
      name: { type: DataTypes.STRING(100), allowNull: false },
      password_hash: { type: DataTypes.STRING(100), allowNull: false },
      roles: { type: DataTypes.STRING(200), allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    // The database settles two registrations of one email racing each other: one wins.
    await q.addIndex('users', ['email'], { unique: true, name: 'users_email_unique' });
  },
  async down({ context: sequelize }) {
    await sequelize.getQueryInterface().dropTable('users');
  },
};
