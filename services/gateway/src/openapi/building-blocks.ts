/** Small helpers for writing the OpenAPI document area by area (see areas/). */
export type Schema = Record<string, unknown>;

export interface ApiArea {
  schemas: Record<string, Schema>;
  paths: Record<string, Record<string, unknown>>;
}

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Schema) => ({ 'application/json': { schema } });
export const body = (schema: Schema) => ({ required: true, content: json(schema) });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

export const ERRORS = {
  400: errorResponse('Invalid input (VALIDATION_FAILED)'),
  401: errorResponse('Missing or invalid token (UNAUTHENTICATED)'),
  402: errorResponse('Payment declined (PAYMENT_DECLINED)'),
  403: errorResponse('Not allowed (FORBIDDEN)'),
  404: errorResponse('Not found (NOT_FOUND)'),
  409: errorResponse('Conflict (CONFLICT, INSUFFICIENT_STOCK)'),
  413: errorResponse('Body over 64 KiB (PAYLOAD_TOO_LARGE)'),
  422: errorResponse('Idempotency key reused with another body (IDEMPOTENCY_KEY_REUSED)'),
  429: errorResponse('Too many requests (RATE_LIMITED); see Retry-After'),
  503: errorResponse('A service is unavailable (UNAVAILABLE)'),
} as const;

export const queryParam = (name: string, schema: Schema, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

export const pathParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
});

export const pageParams = [
  queryParam('page', { type: 'integer', minimum: 1, default: 1 }, 'Page number, from 1'),
  queryParam(
    'pageSize',
    { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    'Items per page',
  ),
];

/** `{ items, page, pageSize, total }` of the named item schema. */
export const pageOf = (item: string): Schema => ({
  type: 'object',
  required: ['items', 'page', 'pageSize', 'total'],
  properties: {
    items: { type: 'array', items: ref(item) },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    total: { type: 'integer' },
  },
});

/** Operations that need `Authorization: Bearer <accessToken>`. */
export const bearer = [{ bearer: [] }];
