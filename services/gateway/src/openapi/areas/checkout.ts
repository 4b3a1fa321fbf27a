import {
  bearer,
  body,
  emailAddress,
  ERRORS,
  json,
  nonBlank as text,
  ref,
  type ApiArea,
} from '../building-blocks';

export const checkoutArea: ApiArea = {
  schemas: {
    Address: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'street', 'city', 'zipCode', 'country'],
      properties: {
        name: text(200),
        street: text(200),
        city: text(100),
        zipCode: text(20),
        country: text(56),
        state: text(100),
      },
    },
    CheckoutRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['address', 'card'],
      properties: {
        address: ref('Address'),
        email: emailAddress(),
        card: {
          type: 'object',
          additionalProperties: false,
          required: ['number', 'expMonth', 'expYear', 'cvv'],
          description:
            'Never stored or logged beyond the last 4 digits. Test card 4000000000000002 is declined.',
          properties: {
            number: { type: 'string', pattern: '^[0-9]{12,19}$', description: 'Passes Luhn' },
            expMonth: { type: 'integer', minimum: 1, maximum: 12 },
            expYear: {
              type: 'integer',
              minimum: 2000,
              maximum: 2100,
              description: 'With expMonth, not in the past',
            },
            cvv: { type: 'string', pattern: '^[0-9]{3,4}$' },
          },
        },
      },
    },
    CheckoutResult: {
      type: 'object',
      required: ['order', 'payment'],
      properties: {
        order: ref('Order'),
        payment: {
          type: 'object',
          required: ['id', 'status', 'amountCents', 'last4'],
          properties: {
            id: { type: 'string' },
            status: { type: 'string', const: 'succeeded' },
            amountCents: { type: 'integer', minimum: 0 },
            last4: { type: 'string', pattern: '^[0-9]{4}$' },
          },
        },
      },
    },
  },
  paths: {
    '/checkout': {
      post: {
        operationId: 'checkout',
        tags: ['checkout'],
        summary: 'Buy the cart: reserve stock, create the order, charge, empty the cart',
        description:
          'The same Idempotency-Key with the same body returns the first answer again (also for ' +
          'parallel retries) and charges nothing more; with another body it is 422.',
        security: bearer,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: body(ref('CheckoutRequest')),
        responses: {
          201: { description: 'Paid; the cart is emptied', content: json(ref('CheckoutResult')) },
          400: ERRORS[400],
          401: ERRORS[401],
          402: ERRORS[402],
          409: ERRORS[409],
          422: ERRORS[422],
          429: ERRORS[429],
          503: ERRORS[503],
        },
      },
    },
  },
};
