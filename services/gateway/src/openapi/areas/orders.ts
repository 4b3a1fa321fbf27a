import {
  bearer,
  ERRORS,
  json,
  pageOf,
  pageParams,
  pathParam,
  queryParam,
  ref,
  type ApiArea,
} from '../building-blocks';

/** Not part of shared/api.md: order support tools (issue 16), marked as an extension. */
const EXTENSION = { 'x-gomall-extension': 'order support (not in shared/api.md)' };
const orderResponse = (description: string) => ({ description, content: json(ref('Order')) });
const historyResponse = (description: string) => ({
  description,
  content: json(ref('OrderWithHistory')),
});
const changeAddressRequest = { required: true, content: json(ref('ChangeAddressRequest')) };

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
    OrderWithHistory: {
      type: 'object',
      description: 'Extension: an order and the history of its shipping address, oldest first',
      required: ['order', 'history'],
      properties: {
        order: ref('Order'),
        history: {
          type: 'array',
          items: {
            type: 'object',
            required: ['changedAt', 'changedBy', 'byAdmin', 'from', 'to'],
            properties: {
              changedAt: { type: 'string', format: 'date-time' },
              changedBy: { type: 'string', description: 'The user id of whoever changed it' },
              byAdmin: { type: 'boolean' },
              from: ref('Address'),
              to: ref('Address'),
            },
          },
        },
      },
    },
    ChangeAddressRequest: {
      type: 'object',
      required: ['address'],
      additionalProperties: false,
      properties: { address: ref('Address') },
    },
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
    '/orders/{id}/history': {
      get: {
        ...EXTENSION,
        operationId: 'getOrderHistory',
        tags: ['orders'],
        summary: 'one of your orders with its address history',
        security: bearer,
        parameters: [pathParam('id')],
        responses: {
          200: historyResponse('The order and its address changes'),
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
        },
      },
    },
    '/orders/{id}/address': {
      patch: {
        ...EXTENSION,
        operationId: 'changeOrderAddress',
        tags: ['orders'],
        summary: 'a new shipping address for your order, until it ships (then 409)',
        security: bearer,
        parameters: [pathParam('id')],
        requestBody: changeAddressRequest,
        responses: {
          200: historyResponse('The order with its new address and history'),
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
          409: ERRORS[409],
        },
      },
    },
    '/admin/orders': {
      get: {
        ...EXTENSION,
        operationId: 'searchOrders',
        tags: ['admin'],
        summary: 'every order by status and creation time, newest first (admin)',
        security: bearer,
        parameters: [
          ...pageParams,
          queryParam(
            'status',
            { type: 'string', enum: ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] },
            'Only orders in this status',
          ),
          queryParam('from', { type: 'string', format: 'date-time' }, 'Created at or after'),
          queryParam('to', { type: 'string', format: 'date-time' }, 'Created before'),
        ],
        responses: {
          200: { description: 'A page of orders', content: json(ref('OrderPage')) },
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
        },
      },
    },
    '/admin/orders/{id}': {
      get: {
        ...EXTENSION,
        operationId: 'adminGetOrder',
        tags: ['admin'],
        summary: 'any order with its address history (admin)',
        security: bearer,
        parameters: [pathParam('id')],
        responses: {
          200: historyResponse('The order and its address changes'),
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
          404: ERRORS[404],
        },
      },
    },
    '/admin/orders/{id}/address': {
      patch: {
        ...EXTENSION,
        operationId: 'adminChangeOrderAddress',
        tags: ['admin'],
        summary: 'a new shipping address for any order, until it ships (admin)',
        security: bearer,
        parameters: [pathParam('id')],
        requestBody: changeAddressRequest,
        responses: {
          200: historyResponse('The order with its new address and history'),
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
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
