import { bearer, body, ERRORS, json, pathParam, ref, type ApiArea } from '../building-blocks';

const productFields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  description: { type: 'string', maxLength: 5000 },
  picture: { type: 'string', minLength: 1, maxLength: 500 },
  priceCents: { type: 'integer', minimum: 0, description: 'Price in minor units (cents)' },
  categories: {
    type: 'array',
    maxItems: 10,
    items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
  },
};
const adminErrors = { 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403] };

export const adminCatalogArea: ApiArea = {
  schemas: {
    ProductCreate: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'priceCents'],
      properties: {
        ...productFields,
        currency: { type: 'string', const: 'USD' },
        stock: { type: 'integer', minimum: 0, default: 0, description: 'Units on hand' },
      },
    },
    ProductUpdate: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: 'Only the given fields change; stock has its own endpoint.',
      properties: productFields,
    },
    StockUpdate: {
      type: 'object',
      additionalProperties: false,
      required: ['stock'],
      properties: {
        stock: {
          type: 'integer',
          minimum: 0,
          description: 'Absolute on-hand quantity; never below what is reserved (409)',
        },
      },
    },
  },
  paths: {
    '/admin/products': {
      post: {
        operationId: 'createProduct',
        tags: ['admin'],
        summary: 'Add a product (admin)',
        security: bearer,
        requestBody: body(ref('ProductCreate')),
        responses: {
          201: { description: 'The new product', content: json(ref('Product')) },
          ...adminErrors,
        },
      },
    },
    '/admin/products/{id}': {
      patch: {
        operationId: 'updateProduct',
        tags: ['admin'],
        summary: 'Change a product (admin)',
        security: bearer,
        parameters: [pathParam('id')],
        requestBody: body(ref('ProductUpdate')),
        responses: {
          200: { description: 'The product', content: json(ref('Product')) },
          ...adminErrors,
          404: ERRORS[404],
        },
      },
      delete: {
        operationId: 'deleteProduct',
        tags: ['admin'],
        summary: 'Remove a product from the catalog (admin); existing orders keep their lines',
        security: bearer,
        parameters: [pathParam('id')],
        responses: { 204: { description: 'Deleted' }, ...adminErrors, 404: ERRORS[404] },
      },
    },
    '/admin/products/{id}/stock': {
      put: {
        operationId: 'setProductStock',
        tags: ['admin'],
        summary: 'Set the on-hand stock of a product (admin)',
        security: bearer,
        parameters: [pathParam('id')],
        requestBody: body(ref('StockUpdate')),
        responses: {
          200: { description: 'The product', content: json(ref('Product')) },
          ...adminErrors,
          404: ERRORS[404],
          409: ERRORS[409],
        },
      },
    },
  },
};
