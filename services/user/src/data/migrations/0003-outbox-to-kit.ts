import { OUTBOX_TABLE, type Migration } from '@gomall/kit/db';

/**
 * The user service used an outbox of its own in the same `outbox_events` table (same id, topic,
 * payload, created_at, published_at columns); the kit's Outbox adds the request id. Rows still
 * pending stay in place and the kit's relay publishes them, with their row id as the CloudEvent id
 * like every other event (the old relay gave each publish a new id).
 */
export const outboxToKit: Migration = {
  name: '0003-outbox-to-kit',
  async up({ context: sequelize }) {
    await sequelize.query(
      `ALTER TABLE ${OUTBOX_TABLE} ADD COLUMN IF NOT EXISTS request_id VARCHAR(128) NULL`,
    );
  },
  async down({ context: sequelize }) {
    await sequelize.query(`ALTER TABLE ${OUTBOX_TABLE} DROP COLUMN request_id`);
  },
};
