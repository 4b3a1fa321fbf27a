import { bearer, ERRORS, json, pathParam, queryParam, ref, type ApiArea } from '../building-blocks';

/** Not part of shared/api.md: operations endpoints added for issue 12, marked as an extension. */
const EXTENSION = { 'x-gomall-extension': 'operations (not in shared/api.md)' };
const adminErrors = { 401: ERRORS[401], 403: ERRORS[403], 503: ERRORS[503] };

export const adminOpsArea: ApiArea = {
  schemas: {
    Saga: {
      type: 'object',
      required: ['id', 'userId', 'status', 'stepIndex', 'attempts', 'createdAt', 'updatedAt'],
      properties: {
        id: { type: 'string', description: 'The saga id, which is also its order id' },
        userId: { type: 'string' },
        status: {
          type: 'string',
          enum: ['running', 'compensating', 'completed', 'compensated', 'failed', 'stuck'],
        },
        stepIndex: { type: 'integer' },
        attempts: { type: 'integer', description: 'Runs that took the saga on' },
        failure: {
          type: ['object', 'null'],
          description: 'What made it roll back or park: { status, code, message, details? }',
        },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
        ageSeconds: { type: 'integer' },
      },
    },
    AuditReport: {
      type: 'object',
      required: ['ok', 'checkedAt', 'findings'],
      properties: {
        ok: { type: 'boolean', description: 'True when no invariant is broken' },
        checkedAt: { type: 'string', format: 'date-time' },
        findings: {
          type: 'array',
          description: 'Every broken invariant found; the audit never fixes anything itself',
          items: {
            type: 'object',
            required: ['invariant', 'message'],
            properties: {
              invariant: { type: 'string' },
              message: { type: 'string' },
              details: { type: 'object' },
            },
          },
        },
        totals: { type: 'object', description: 'What was checked (counts)' },
      },
    },
  },
  paths: {
    '/admin/sagas': {
      get: {
        ...EXTENSION,
        operationId: 'listSagas',
        tags: ['admin'],
        summary: 'Checkout sagas by status, oldest first (admin); default: the stuck ones',
        security: bearer,
        parameters: [
          queryParam(
            'status',
            {
              type: 'string',
              enum: ['running', 'compensating', 'completed', 'compensated', 'failed', 'stuck'],
              default: 'stuck',
            },
            'Saga status',
          ),
          queryParam(
            'limit',
            { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            'At most',
          ),
        ],
        responses: {
          200: {
            description: 'The sagas',
            content: json({
              type: 'object',
              required: ['items'],
              properties: { items: { type: 'array', items: ref('Saga') } },
            }),
          },
          400: ERRORS[400],
          ...adminErrors,
        },
      },
    },
    '/admin/sagas/{id}/retry': {
      post: {
        ...EXTENSION,
        operationId: 'retrySaga',
        tags: ['admin'],
        summary: 'Retry a stuck saga (admin): it resumes where it parked with fresh attempts',
        security: bearer,
        parameters: [
          pathParam('id', {
            type: 'string',
            format: 'uuid',
            pattern:
              '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$',
          }),
        ],
        responses: {
          202: {
            description: 'Queued for the recovery sweep',
            content: json({
              type: 'object',
              required: ['id', 'status'],
              properties: { id: { type: 'string' }, status: { type: 'string', const: 'retrying' } },
            }),
          },
          400: ERRORS[400],
          404: ERRORS[404],
          409: ERRORS[409],
          ...adminErrors,
        },
      },
    },
    '/admin/audit': {
      get: {
        ...EXTENSION,
        operationId: 'audit',
        tags: ['admin'],
        summary: 'Check the cross-service money and stock invariants of the live mall (admin)',
        description:
          'Every succeeded charge belongs to a paid/shipped order or was refunded; on hand + sold − ' +
          'returned = received for every product; nothing reserved without a pending order; no ' +
          'saga or outbox row older than its deadline. Reports, never fixes.',
        security: bearer,
        responses: {
          200: { description: 'The report', content: json(ref('AuditReport')) },
          ...adminErrors,
        },
      },
    },
  },
};
