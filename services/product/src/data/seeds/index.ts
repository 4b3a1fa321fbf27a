import type { Migration } from '@gomall/kit/db';
import { DEMO_CATALOG } from './demo-catalog';

/** Data seeds, recorded in their own table so each runs once per database, however often we start. */
export const seeds: Migration[] = [
  {
    name: 'demo-catalog-v1',
    async up({ context: sequelize }) {
      const now = new Date();
      await sequelize.transaction(async (transaction) => {
        const q = sequelize.getQueryInterface();
        await q.bulkInsert(
          'products',
          DEMO_CATALOG.map((p) => ({
            id: p.id,
            name: p.name,
            description: p.description,
            picture: p.picture,
            price_cents: p.priceCents,
            currency: 'USD',
            stock_on_hand: p.stock,
            stock_reserved: 0,
            // Seeds run after every migration, so the stock ledger's column is there.
            units_received: p.stock,
            created_at: now,
            updated_at: now,
          })),
          { transaction },
        );
        await q.bulkInsert(
          'product_categories',
          DEMO_CATALOG.flatMap((p) =>
            p.categories.map((category) => ({ product_id: p.id, category })),
          ),
          { transaction },
        );
      });
    },
  },
];
