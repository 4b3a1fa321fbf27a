import { errorEnvelopeSchema } from '@gomall/contracts';
import type { z } from 'zod';
import './components';
import { bodySchemas, parameterSchema, type JsonSchema } from './json-schema';
import type { ErrorStatus, Operation } from './operation';

/** The standard text of each error answer; every one carries the envelope (`Error`). */
const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'Invalid input (VALIDATION_FAILED)',
  401: 'Missing or invalid token (UNAUTHENTICATED)',
  402: 'Payment declined (PAYMENT_DECLINED)',
  403: 'Not allowed (FORBIDDEN)',
  404: 'Not found (NOT_FOUND)',
  409: 'Conflict (CONFLICT, INSUFFICIENT_STOCK)',
  413: 'Body over 64 KiB (PAYLOAD_TOO_LARGE)',
  422: 'Idempotency key reused with another body (IDEMPOTENCY_KEY_REUSED)',
  429: 'Too many requests (RATE_LIMITED); see Retry-After',
  503: 'A service is unavailable, or the request ran out of time (UNAVAILABLE)',
};

const SENT_TOKEN_REFUSED = 'A token was sent and is invalid, expired or revoked (UNAUTHENTICATED)';

/**
 * The error answers an operation has whatever it declares itself: 400 when it validates any input;
 * 401 (and 403 for admins) from its access; 429 on every path (the rate limits run before routing);
 * 503 wherever a service is called (it is down, or the request ran out of time).
 */
function errorAnswers(operation: Operation): Map<ErrorStatus, string> {
  const answers = new Map<ErrorStatus, string>();
  const { params, query, headers, body } = operation;
  if (params || query || headers || body) answers.set(400, ERROR_TEXT[400]);
  if (operation.access === 'public') answers.set(401, SENT_TOKEN_REFUSED);
  if (operation.access === 'user' || operation.access === 'admin') {
    answers.set(401, ERROR_TEXT[401]);
  }
  if (operation.access === 'admin') answers.set(403, ERROR_TEXT[403]);
  for (const [status, text] of Object.entries(operation.errors ?? {})) {
    const code = Number(status) as ErrorStatus;
    answers.set(code, text === true ? ERROR_TEXT[code] : text);
  }
  answers.set(429, ERROR_TEXT[429]);
  if (!operation.local) answers.set(503, ERROR_TEXT[503]);
  return answers;
}

/** `/products/:id` → `/products/{id}`. */
const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

const SECURITY = {
  // No token needed; one that is sent is checked like anywhere else.
  public: [{}, { bearer: [] }],
  user: [{ bearer: [] }],
  admin: [{ bearer: [] }],
} as const;

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

function parameters(operation: Operation): JsonSchema[] {
  const parts: Array<['path' | 'query' | 'header', z.ZodObject | undefined]> = [
    ['path', operation.params],
    ['query', operation.query],
    ['header', operation.headers],
  ];
  const list: JsonSchema[] = [];
  for (const [where, fields] of parts) {
    for (const [name, field] of Object.entries(fields?.shape ?? {})) {
      const { description, ...schema } = parameterSchema(field as z.ZodType);
      list.push({
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        ...(description === undefined ? {} : { description }),
        schema,
        // A list in the query is sent as one comma-separated value (`?ids=a,b,c`).
        ...(schema.type === 'array' ? { style: 'form', explode: false } : {}),
      });
    }
  }
  return list;
}

/** The OpenAPI 3.1 document of the operations, served at GET /api/v1/openapi.json. */
export function openApiDocument(operations: readonly Operation[]) {
  // Every body and answer in one conversion, so each named schema becomes one component.
  const slots: Record<string, z.ZodType> = { error: errorEnvelopeSchema };
  operations.forEach((operation, i) => {
    if (operation.body) slots[`${i}:body`] = operation.body;
    for (const [status, answer] of Object.entries(operation.answers)) {
      if (answer.schema) slots[`${i}:${status}`] = answer.schema;
    }
  });
  const converted = bodySchemas(slots);
  const errorSchema = converted.slots.error!;

  const paths: Record<string, Record<string, JsonSchema>> = {};
  operations.forEach((operation, i) => {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, answer] of Object.entries(operation.answers)) {
      const schema = converted.slots[`${i}:${status}`];
      responses[status] = {
        description: answer.description,
        ...(answer.headers === undefined
          ? {}
          : {
              headers: Object.fromEntries(
                Object.entries(answer.headers).map(([name, header]) => [
                  name,
                  { description: header.description, schema: parameterSchema(header.schema) },
                ]),
              ),
            }),
        ...(schema === undefined ? {} : { content: json(schema) }),
      };
    }
    for (const [status, description] of errorAnswers(operation)) {
      responses[status] = { description, content: json(errorSchema) };
    }
    const parameterList = parameters(operation);
    const body = converted.slots[`${i}:body`];
    (paths[openApiPath(operation.path)] ??= {})[operation.method] = {
      ...(operation.extension === undefined ? {} : { 'x-gomall-extension': operation.extension }),
      operationId: operation.operationId,
      tags: operation.tags,
      summary: operation.summary,
      ...(operation.description === undefined ? {} : { description: operation.description }),
      ...(operation.access === 'anonymous' ? {} : { security: SECURITY[operation.access] }),
      ...(parameterList.length === 0 ? {} : { parameters: parameterList }),
      ...(body === undefined
        ? {}
        : { requestBody: { required: !operation.bodyOptional, content: json(body) } }),
      responses,
    };
  });

  return {
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
      schemas: converted.components,
    },
    paths,
  };
}
