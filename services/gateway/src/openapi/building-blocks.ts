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
  503: errorResponse('A service is unavailable, or the request ran out of time (UNAVAILABLE)'),
} as const;

/**
 * A string the service trims before checking that something is left: at least one character that
 * is not white space (ECMAScript's \\s, which is what String.prototype.trim strips; the BOM is named
 * too since not every regex dialect counts it as space).
 */
export const nonBlank = (maxLength: number): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: '[^\\s\\uFEFF]',
});

/**
 * An email address as the services check it (zod's rule): stricter than `format: email` in some
 * ways (no quoted local parts, no IP literals, a dotted domain), looser in others (no 64-character
 * limit on the local part), so the document states the rule itself.
 */
export const emailAddress = (description?: string): Schema => ({
  type: 'string',
  maxLength: 254,
  pattern:
    "^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$",
  ...(description ? { description } : {}),
});

/** Product and order ids in paths and bodies: what the services accept as an id. */
const ID_PATTERN = '^[A-Za-z0-9-]{1,64}$';

export const queryParam = (name: string, schema: Schema, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

export const pathParam = (
  name: string,
  schema: Schema = { type: 'string', pattern: ID_PATTERN },
) => ({
  name,
  in: 'path',
  required: true,
  schema,
});

export const pageParams = [
  queryParam(
    'page',
    { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
    'Page number, from 1',
  ),
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

/**
 * Public operations: no token needed, but a token that is sent is checked like anywhere else, so
 * an invalid, expired or revoked one is a 401 (a client learns its login ended).
 */
export const optionalBearer = [{}, { bearer: [] }];
export const SENT_TOKEN_REFUSED = errorResponse(
  'A token was sent and is invalid, expired or revoked (UNAUTHENTICATED)',
);
