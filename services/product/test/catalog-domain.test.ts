import { catalogQuerySchema as listQuerySchema } from '@gomall/contracts';
import { availableStock, likePattern, orderFor } from '../src/domain/catalog';

describe('catalog domain', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePattern('100%')).toBe('%100\\%%');
    expect(likePattern('snake_case')).toBe('%snake\\_case%');
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
    expect(likePattern('plain')).toBe('%plain%');
  });

  it('orders every sort with id as the tie-breaker', () => {
    expect(orderFor('price')).toEqual([
      ['priceCents', 'ASC'],
      ['id', 'ASC'],
    ]);
    expect(orderFor('-createdAt')[0]).toEqual(['createdAt', 'DESC']);
    for (const sort of ['name', '-name', 'price', '-price', '-createdAt'] as const) {
      expect(orderFor(sort).at(-1)).toEqual(['id', 'ASC']);
    }
  });

  it('defaults and bounds the list query', () => {
    expect(listQuerySchema.parse({})).toEqual({ page: 1, pageSize: 20, sort: 'name' });
    expect(listQuerySchema.parse({ page: '3', pageSize: '100' })).toMatchObject({
      page: 3,
      pageSize: 100,
    });
    for (const bad of [
      { page: '0' },
      { pageSize: '101' },
      { page: '1.5' },
      { page: ' 1' },
      { sort: 'price ' },
    ]) {
      expect(listQuerySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('never shows negative stock', () => {
    expect(availableStock(10, 3)).toBe(7);
    expect(availableStock(3, 3)).toBe(0);
    expect(availableStock(2, 3)).toBe(0);
  });
});
