import {
  categoryListSchema,
  createProductBodySchema,
  productSchema,
  setStockBodySchema,
  updateProductBodySchema,
} from '../api/catalog';
import { productFactsSchema } from '../internal/audit';
import {
  commitAnswerSchema,
  productLookupAnswerSchema,
  productLookupBodySchema,
  releaseAnswerSchema,
  reservationSchema,
  reservationViewSchema,
  reserveBodySchema,
} from '../internal/product';
import { pageSchema } from '../page';
import type { Operation } from './operation';

/** What the product service answers to the gateway, the cart, checkout and the order service. */
export const productOperations = {
  /** The catalog page, or with `?ids=a,b,c` the batch get (the query is the shopper's, passed on). */
  list: { method: 'GET', path: '/products', answer: pageSchema(productSchema) },
  get: { method: 'GET', path: '/products/:id', answer: productSchema },
  categories: { method: 'GET', path: '/categories', answer: categoryListSchema },
  lookup: {
    method: 'POST',
    path: '/products/lookup',
    body: productLookupBodySchema,
    answer: productLookupAnswerSchema,
  },
  create: {
    method: 'POST',
    path: '/admin/products',
    body: createProductBodySchema,
    answer: productSchema,
  },
  update: {
    method: 'PATCH',
    path: '/admin/products/:id',
    body: updateProductBodySchema,
    answer: productSchema,
  },
  remove: { method: 'DELETE', path: '/admin/products/:id' },
  setStock: {
    method: 'PUT',
    path: '/admin/products/:id/stock',
    body: setStockBodySchema,
    answer: productSchema,
  },
  reserve: {
    method: 'POST',
    path: '/reservations',
    body: reserveBodySchema,
    answer: reservationSchema,
  },
  reservation: { method: 'GET', path: '/reservations/:orderId', answer: reservationViewSchema },
  commit: { method: 'POST', path: '/reservations/:orderId/commit', answer: commitAnswerSchema },
  release: { method: 'POST', path: '/reservations/:orderId/release', answer: releaseAnswerSchema },
  auditFacts: { method: 'GET', path: '/admin/audit', answer: productFactsSchema },
} as const satisfies Record<string, Operation>;
