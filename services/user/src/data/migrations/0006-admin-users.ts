import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * Admin tools on users: a ban on the account row (when, by whom, why; NULL when not banned) and the
 * admin audit log — one row per admin action, written in the transaction of the change it records.
 */
export const adminUsers: Migration = {
  name: '0006-admin-users',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.addColumn('users', 'banned_at', { type: DataTypes.DATE(3), allowNull: true });
    await q.addColumn('users', 'banned_by', { type: DataTypes.STRING(64), allowNull: true });
    await q.addColumn('users', 'ban_reason', { type: DataTypes.STRING(500), allowNull: true });
    await q.createTable('admin_audit_log', {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      at: { type: DataTypes.DATE(3), allowNull: false },
      actor_id: { type: DataTypes.STRING(64), allowNull: false },
      action: { type: DataTypes.STRING(64), allowNull: false },
      target_type: { type: DataTypes.STRING(32), allowNull: false },
      target_id: { type: DataTypes.STRING(64), allowNull: false },
      /** JSON: what changed (reason, roles before/after, …). */
      details: { type: DataTypes.TEXT, allowNull: false },
    });
    await q.addIndex('admin_audit_log', ['at', 'id'], { name: 'admin_audit_log_at' });
    await q.addIndex('admin_audit_log', ['target_id', 'at'], { name: 'admin_audit_log_target' });
    await q.addIndex('admin_audit_log', ['actor_id', 'at'], { name: 'admin_audit_log_actor' });
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.dropTable('admin_audit_log');
    await q.removeColumn('users', 'ban_reason');
    await q.removeColumn('users', 'banned_by');
    await q.removeColumn('users', 'banned_at');
  },
};
