import { ERRORS, json, optionalBearer, SENT_TOKEN_REFUSED, type ApiArea } from '../building-blocks';

export const metaArea: ApiArea = {
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
  },
  paths: {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['meta'],
        summary: 'This document',
        security: optionalBearer,
        responses: {
          200: { description: 'OpenAPI 3.1 document', content: json({ type: 'object' }) },
          401: SENT_TOKEN_REFUSED,
          429: ERRORS[429],
        },
      },
    },
  },
};
