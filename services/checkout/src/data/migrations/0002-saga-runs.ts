import type { Migration } from '@gomall/kit/db';
import { DataTypes } from 'sequelize';

/**
 * Sagas that cannot finish park instead of retrying for ever: `attempts` counts the runs that
 * took the saga on (the first and every recovery), `parked_from` keeps the status a `stuck` saga
 * had so an admin retry resumes it where it stopped. `owner` now holds a token per run.
 */
export const sagaRuns: Migration = {
  name: '0002-saga-runs',
  async up({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.addColumn('checkout_sagas', 'attempts', {
      type: DataTypes.SMALLINT.UNSIGNED,
      allowNull: false,
      defaultValue: 1,
    });
    await q.addColumn('checkout_sagas', 'parked_from', {
      type: DataTypes.STRING(16),
      allowNull: true,
    });
  },
  async down({ context: sequelize }) {
    const q = sequelize.getQueryInterface();
    await q.removeColumn('checkout_sagas', 'parked_from');
    await q.removeColumn('checkout_sagas', 'attempts');
  },
};
