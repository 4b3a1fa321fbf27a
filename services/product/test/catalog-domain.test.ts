import { catalogQuerySchema as listQuerySchema, type Product } from '@gomall/contracts';
import {
  availableStock,
  batchPage,
  batchQuerySchema,
  likePattern,
  orderFor,
} from '../src/domain/catalog';

const product = (id: string): Product => ({
  id,
  name: `Product ${id}`,
  description: '',
  picture: '/p.jpg',
  priceCents: 100,
  currency: 'USD',
  categories: [],
  stock: 1,
});

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

  it('parses the batch get: 1..100 comma-separated ids, nothing else beside them', () => {
    expect(batchQuerySchema.parse({ ids: 'a,b-2,C3' })).toEqual({ ids: ['a', 'b-2', 'C3'] });
    const hundred = Array.from({ length: 100 }, (_, i) => `p${i}`);
    expect(batchQuerySchema.parse({ ids: hundred.join(',') }).ids).toHaveLength(100);
    for (const bad of [
      { ids: '' },
      { ids: 'a,,b' },
      { ids: 'a,b,' },
      { ids: 'not an id' },
      { ids: [...hundred, 'p100'].join(',') },
      { ids: 'a', page: '1' },
      { ids: ['a', 'b'] },
    ]) {
      expect(batchQuerySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('answers a batch in the order asked, each id once, unknown ids left out', () => {
    const found = [product('c'), product('a')];
    expect(batchPage(['a', 'x', 'c', 'a'], found)).toEqual({
      items: [product('a'), product('c')],
      page: 1,
      pageSize: 3,
      total: 2,
    });
    expect(batchPage(['x'], [])).toEqual({ items: [], page: 1, pageSize: 1, total: 0 });
  });
});
