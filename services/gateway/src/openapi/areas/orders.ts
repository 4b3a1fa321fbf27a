import {
  bearer,
  ERRORS,
  json,
  pageOf,
  pageParams,
  pathParam,
  ref,
  type ApiArea,
} from '../building-blocks';

const orderResponse = (description: string) => ({ description, content: json(ref('Order')) });

export const ordersArea: ApiArea = {
  schemas: {
    Order: {
      type: 'object',
      required: [
        'id',
        'status',
        'items',
        'totalCents',
        'currency',
        'address',
        'createdAt',
        'updatedAt',
      ],
      properties: {
        id: { type: 'string' },
        status: { type: 'string', enum: ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] },
        items: {
          type: 'array',
          items: {
            type: 'object',
            required: ['productId', 'name', 'quantity', 'unitPriceCents'],
            description: 'A snapshot taken at checkout: later catalog changes do not alter it',
            properties: {
              productId: { type: 'string' },
              name: { type: 'string' },
              quantity: { type: 'integer', minimum: 1 },
              unitPriceCents: { type: 'integer', minimum: 0 },
            },
          },
        },
        totalCents: { type: 'integer', minimum: 0 },
        currency: { type: 'string', const: 'USD' },
        address: ref('Address'),
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    OrderPage: pageOf('Order'),
  },
  paths: {
    '/orders': {
      get: {
        operationId: 'listOrders',
        tags: ['orders'],
        summary: 'Your orders, newest first',
        security: bearer,
        parameters: pageParams,
        responses: {
          200: { description: 'A page of your orders', content: json(ref('OrderPage')) },
          400: ERRORS[400],
          401: ERRORS[401],
        },
      },
    },
    '/orders/{id}': {
      get: {
        operationId: 'getOrder',
        tags: ['orders'],
        summary: 'One of your orders (another user’s order is 404)',
        security: bearer,
        parameters: [pathParam('id')],
        responses: {
          200: orderResponse('The order'),
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
        },
      },
    },
    '/orders/{id}/cancel': {
      post: {
        operationId: 'cancelOrder',
        tags: ['orders'],
        summary:
          'Cancel your order: pending → cancelled (stock released); paid → refunded (payment refunded, stock returned)',
        security: bearer,
        parameters: [pathParam('id')],
        responses: {
          200: orderResponse('The cancelled or refunded order'),
          401: ERRORS[401],
          404: ERRORS[404],
          409: ERRORS[409],
        },
      },
    },
    '/admin/orders/{id}/ship': {
      post: {
        operationId: 'shipOrder',
        tags: ['admin'],
        summary: 'Ship a paid order (admin)',
        security: bearer,
        parameters: [pathParam('id')],
        responses: {
          200: orderResponse('The shipped order'),
          401: ERRORS[401],
          403: ERRORS[403],
          404: ERRORS[404],
          409: ERRORS[409],
        },
      },
    },
  },
};
