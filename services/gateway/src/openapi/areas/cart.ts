import { bearer, body, ERRORS, json, pathParam, ref, type ApiArea } from '../building-blocks';

const cartAnswer = { description: 'The cart', content: json(ref('Cart')) };

export const cartArea: ApiArea = {
  schemas: {
    CartItem: {
      type: 'object',
      required: ['productId', 'name', 'quantity', 'unitPriceCents', 'lineTotalCents'],
      properties: {
        productId: { type: 'string' },
        name: { type: 'string', description: "The catalog's current name" },
        quantity: { type: 'integer', minimum: 1, maximum: 99 },
        unitPriceCents: { type: 'integer', minimum: 0, description: "The catalog's current price" },
        lineTotalCents: { type: 'integer', minimum: 0 },
      },
    },
    Cart: {
      type: 'object',
      required: ['items', 'totalCents'],
      properties: {
        items: { type: 'array', items: ref('CartItem') },
        totalCents: { type: 'integer', minimum: 0 },
      },
    },
    AddCartItemRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['productId', 'quantity'],
      properties: {
        productId: { type: 'string' },
        quantity: {
          type: 'integer',
          minimum: 1,
          maximum: 99,
          description: 'Added to the quantity already in the cart; a line holds at most 99',
        },
      },
    },
    SetCartItemRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['quantity'],
      properties: {
        quantity: { type: 'integer', minimum: 0, maximum: 99, description: '0 removes the line' },
      },
    },
  },
  paths: {
    '/cart': {
      get: {
        operationId: 'getCart',
        tags: ['cart'],
        summary: 'Your cart, priced from the catalog',
        security: bearer,
        responses: { 200: cartAnswer, 401: ERRORS[401], 429: ERRORS[429] },
      },
      delete: {
        operationId: 'emptyCart',
        tags: ['cart'],
        summary: 'Empty your cart',
        security: bearer,
        responses: { 204: { description: 'Emptied' }, 401: ERRORS[401], 429: ERRORS[429] },
      },
    },
    '/cart/items': {
      post: {
        operationId: 'addCartItem',
        tags: ['cart'],
        summary: 'Add a product (concurrent adds never lose an update)',
        security: bearer,
        requestBody: body(ref('AddCartItemRequest')),
        responses: {
          200: cartAnswer,
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
          429: ERRORS[429],
        },
      },
    },
    '/cart/items/{productId}': {
      patch: {
        operationId: 'setCartItemQuantity',
        tags: ['cart'],
        summary: "Set a line's quantity (0 removes it)",
        security: bearer,
        parameters: [pathParam('productId')],
        requestBody: body(ref('SetCartItemRequest')),
        responses: {
          200: cartAnswer,
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
          429: ERRORS[429],
        },
      },
      delete: {
        operationId: 'removeCartItem',
        tags: ['cart'],
        summary: 'Remove a line',
        security: bearer,
        parameters: [pathParam('productId')],
        responses: { 200: cartAnswer, 401: ERRORS[401], 404: ERRORS[404], 429: ERRORS[429] },
      },
    },
  },
};
