/**
 * The OpenAPI 3.1 document of the public API (shared/api.md), served at GET /api/v1/openapi.json.
 * A test checks that every route the gateway serves is described here and nothing else is.
 */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

const ERRORS = {
  400: errorResponse('Invalid input (VALIDATION_FAILED)'),
  401: errorResponse('Missing or invalid token (UNAUTHENTICATED)'),
  403: errorResponse('Not allowed (FORBIDDEN)'),
  404: errorResponse('Not found (NOT_FOUND)'),
  409: errorResponse('Conflict'),
  413: errorResponse('Body over 64 KiB (PAYLOAD_TOO_LARGE)'),
  429: errorResponse('Too many requests (RATE_LIMITED); see Retry-After'),
  503: errorResponse('A service is unavailable (UNAVAILABLE)'),
} as const;

const queryParam = (name: string, schema: Schema, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

const pageParams = [
  queryParam('page', { type: 'integer', minimum: 1, default: 1 }, 'Page number, from 1'),
  queryParam(
    'pageSize',
    { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    'Items per page',
  ),
];

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Gomall public API',
    version: '1.0.0',
    description:
      'The gateway is the only public entry. JSON in and out; errors use the envelope ' +
      '`{ error: { code, message, details? } }`; every response carries X-Request-Id.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    headers: {
      'X-Request-Id': {
        description: 'Request id (echoed when the client sent a sane one)',
        schema: { type: 'string' },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', pattern: '^[A-Z_]+$' },
              message: { type: 'string' },
              details: {},
            },
          },
        },
      },
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
      ProductPage: {
        type: 'object',
        required: ['items', 'page', 'pageSize', 'total'],
        properties: {
          items: { type: 'array', items: ref('Product') },
          page: { type: 'integer' },
          pageSize: { type: 'integer' },
          total: { type: 'integer' },
        },
      },
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
  },
  paths: {
    '/products': {
      get: {
        operationId: 'listProducts',
        tags: ['catalog'],
        summary: 'A page of products',
        parameters: [
          ...pageParams,
          queryParam(
            'category',
            { type: 'string', maxLength: 64 },
            'Only products in this category',
          ),
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
          200: { description: 'A page of products', content: json(ref('ProductPage')) },
          400: ERRORS[400],
          429: ERRORS[429],
        },
      },
    },
    '/products/{id}': {
      get: {
        operationId: 'getProduct',
        tags: ['catalog'],
        summary: 'One product',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'The product', content: json(ref('Product')) },
          400: ERRORS[400],
          404: ERRORS[404],
        },
      },
    },
    '/categories': {
      get: {
        operationId: 'listCategories',
        tags: ['catalog'],
        summary: 'Every category with its product count',
        responses: { 200: { description: 'Categories', content: json(ref('CategoryList')) } },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['meta'],
        summary: 'This document',
        responses: {
          200: { description: 'OpenAPI 3.1 document', content: json({ type: 'object' }) },
        },
      },
    },
  },
} as const;

export const OPENAPI_ERRORS = ERRORS;
