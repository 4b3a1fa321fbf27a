import { AppError } from '@gomall/kit';
import {
  assertCommittable,
  assertReservable,
  InsufficientStock,
  lowStockAfterReserve,
  onHandChange,
  replayedReservation,
  reservationAsItStands,
  newReservation,
  type StockRow,
  type StoredReservationLine,
} from '../src/domain/stock';

const row = (id: string, onHand: number, reserved: number): StockRow => ({
  id,
  name: `Name ${id}`,
  priceCents: 250,
  onHand,
  reserved,
});

const stored = (productId: string, status: StoredReservationLine['status']) => ({
  productId,
  name: `Name ${productId}`,
  quantity: 2,
  unitPriceCents: 250,
  status,
});

const statusOf = (work: () => unknown): number | undefined => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? error.status : -1;
  }
  return undefined;
};

describe('stock rules', () => {
  it('prices a reservation from the catalog rows as they are now', () => {
    const rows = new Map([['a', row('a', 5, 1)]]);
    expect(newReservation('o-1', [{ productId: 'a', quantity: 4 }], rows)).toEqual({
      orderId: 'o-1',
      status: 'reserved',
      items: [{ productId: 'a', name: 'Name a', quantity: 4, unitPriceCents: 250 }],
    });
  });

  it('refuses unknown products (404) and lines that do not fit (409 INSUFFICIENT_STOCK)', () => {
    const rows = new Map([['a', row('a', 5, 1)]]);
    expect(statusOf(() => newReservation('o-1', [{ productId: 'x', quantity: 1 }], rows))).toBe(
      404,
    );
    expect(() => newReservation('o-1', [{ productId: 'a', quantity: 5 }], rows)).toThrow(
      InsufficientStock,
    );
  });

  it('keeps a released order released and replays only what was never released', () => {
    expect(statusOf(() => assertReservable({ status: 'released' }))).toBe(409);
    expect(statusOf(() => assertReservable({ status: 'reserved' }))).toBeUndefined();
    expect(replayedReservation('o-1', [stored('a', 'reserved')]).items).toHaveLength(1);
    expect(statusOf(() => replayedReservation('o-1', [stored('a', 'released')]))).toBe(409);
  });

  it('answers a reservation as it stands, and 404 for none', () => {
    expect(reservationAsItStands('o-1', [stored('a', 'committed')]).status).toBe('committed');
    expect(statusOf(() => reservationAsItStands('o-1', []))).toBe(404);
  });

  it('commits only a reservation that exists and was never released', () => {
    expect(statusOf(() => assertCommittable(undefined, []))).toBe(404);
    expect(statusOf(() => assertCommittable({ status: 'reserved' }, []))).toBe(404);
    expect(
      statusOf(() => assertCommittable({ status: 'released' }, [stored('a', 'released')])),
    ).toBe(409);
    expect(
      statusOf(() => assertCommittable({ status: 'reserved' }, [stored('a', 'reserved')])),
    ).toBeUndefined();
  });

  it('announces low stock for the lines whose reservation crossed the threshold', () => {
    const lines = [
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 1 },
    ];
    const left = new Map([
      ['a', 4],
      ['b', 10],
    ]);
    expect(lowStockAfterReserve(lines, left, 5)).toEqual([{ productId: 'a', available: 4 }]);
  });

  it('sets on hand never below the reserved units, and says when that made stock low', () => {
    expect(statusOf(() => onHandChange('a', undefined, 3, 5))).toBe(404);
    expect(statusOf(() => onHandChange('a', row('a', 10, 4), 3, 5))).toBe(409);
    expect(onHandChange('a', row('a', 20, 4), 8, 5)).toEqual({
      low: { productId: 'a', available: 4 },
    });
    expect(onHandChange('a', row('a', 20, 4), 30, 5)).toEqual({});
  });
});
