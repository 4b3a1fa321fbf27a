import {
  ERRORS,
  json,
  nonBlank,
  optionalBearer,
  pageOf,
  pageParams,
  pathParam,
  queryParam,
  ref,
  SENT_TOKEN_REFUSED,
  type ApiArea,
} from '../building-blocks';

/** Catalog reads carry an ETag and Cache-Control; a matching If-None-Match gets a 304. */
const NOT_MODIFIED = {
  description: 'Not modified: the If-None-Match ETag is still current (no body)',
};
const CACHE_HEADERS = {
  ETag: { description: 'A strong validator of this body', schema: { type: 'string' } },
  'Cache-Control': { description: '`public, max-age=5`', schema: { type: 'string' } },
};

export const catalogArea: ApiArea = {
  schemas: {
    Product: {
      type: 'object',
      required: [
        'id',
        'name',
        'description',
        'picture',
        'priceCents',
        'currency',
        'categories',
        'stock',
      ],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        description: { type: 'string' },
        picture: { type: 'string' },
        priceCents: { type: 'integer', minimum: 0, description: 'Price in minor units (cents)' },
        currency: { type: 'string', const: 'USD' },
        categories: { type: 'array', items: { type: 'string' } },
        stock: { type: 'integer', minimum: 0, description: 'Units available to buy' },
      },
    },
    ProductPage: pageOf('Product'),
    CategoryList: {
      type: 'object',
      required: ['items'],
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'productCount'],
            properties: { name: { type: 'string' }, productCount: { type: 'integer' } },
          },
        },
      },
    },
  },
  paths: {
    '/products': {
      get: {
        operationId: 'listProducts',
        tags: ['catalog'],
        summary: 'A page of products',
        security: optionalBearer,
        parameters: [
          ...pageParams,
          queryParam('category', nonBlank(64), 'Only products in this category'),
          queryParam(
            'q',
            { type: 'string', maxLength: 200 },
            'Literal, case-insensitive substring of name or description (% and _ are not wildcards)',
          ),
          queryParam(
            'sort',
            {
              type: 'string',
              enum: ['name', '-name', 'price', '-price', '-createdAt'],
              default: 'name',
            },
            'Sort order',
          ),
        ],
        responses: {
          200: {
            description: 'A page of products',
            headers: CACHE_HEADERS,
            content: json(ref('ProductPage')),
          },
          304: NOT_MODIFIED,
          400: ERRORS[400],
          401: SENT_TOKEN_REFUSED,
          429: ERRORS[429],
        },
      },
    },
    '/products/{id}': {
      get: {
        operationId: 'getProduct',
        tags: ['catalog'],
        summary: 'One product',
        security: optionalBearer,
        parameters: [pathParam('id')],
        responses: {
          200: {
            description: 'The product',
            headers: CACHE_HEADERS,
            content: json(ref('Product')),
          },
          304: NOT_MODIFIED,
          400: ERRORS[400],
          401: SENT_TOKEN_REFUSED,
          404: ERRORS[404],
          429: ERRORS[429],
        },
      },
    },
    '/categories': {
      get: {
        operationId: 'listCategories',
        tags: ['catalog'],
        summary: 'Every category with its product count',
        security: optionalBearer,
        responses: {
          200: {
            description: 'Categories',
            headers: CACHE_HEADERS,
            content: json(ref('CategoryList')),
          },
          304: NOT_MODIFIED,
          401: SENT_TOKEN_REFUSED,
          429: ERRORS[429],
        },
      },
    },
  },
};
