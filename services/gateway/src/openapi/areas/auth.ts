import { body, emailAddress, ERRORS, json, nonBlank, ref, type ApiArea } from '../building-blocks';

export const password = {
  type: 'string',
  minLength: 8,
  maxLength: 72,
  description: 'At least 8 characters, at most 72 bytes (UTF-8)',
};

const refreshToken = { type: 'string', minLength: 1, maxLength: 512 };

export const authArea: ApiArea = {
  schemas: {
    User: {
      type: 'object',
      required: ['id', 'email', 'name', 'roles', 'createdAt'],
      properties: {
        id: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        roles: { type: 'array', items: { type: 'string', enum: ['customer', 'admin'] } },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    RegisterRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['email', 'password', 'name'],
      properties: {
        email: emailAddress('Trimmed and lower-cased'),
        password,
        name: nonBlank(100),
      },
    },
    LoginRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['email', 'password'],
      properties: {
        email: { ...nonBlank(254), description: 'Trimmed and lower-cased' },
        password: { type: 'string', minLength: 1, maxLength: 1024 },
      },
    },
    TokenPair: {
      type: 'object',
      required: ['accessToken', 'refreshToken', 'tokenType', 'expiresIn'],
      properties: {
        accessToken: {
          type: 'string',
          description: 'JWT (HS256) with sub, sid, jti, roles, iss, aud, exp',
        },
        refreshToken: { type: 'string', description: 'Opaque; spent by its first use' },
        tokenType: { type: 'string', const: 'Bearer' },
        expiresIn: { type: 'integer', description: 'Seconds until the access token expires' },
      },
    },
    RefreshRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['refreshToken'],
      properties: { refreshToken },
    },
    LogoutRequest: {
      type: 'object',
      additionalProperties: false,
      properties: { refreshToken },
    },
  },
  paths: {
    '/auth/register': {
      post: {
        operationId: 'register',
        tags: ['auth'],
        summary: 'Create a customer account',
        requestBody: body(ref('RegisterRequest')),
        responses: {
          201: {
            description: 'The new user',
            content: json({
              type: 'object',
              required: ['user'],
              properties: { user: ref('User') },
            }),
          },
          400: ERRORS[400],
          409: ERRORS[409],
          429: ERRORS[429],
        },
      },
    },
    '/auth/login': {
      post: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Exchange email and password for a token pair',
        description:
          'Unknown email and wrong password answer the same 401. Repeated failures for one email ' +
          'block it for a while (429 with Retry-After, growing with each block). A banned ' +
          'account with the right password answers 403 ACCOUNT_BANNED (an extension).',
        requestBody: body(ref('LoginRequest')),
        responses: {
          200: { description: 'A new login', content: json(ref('TokenPair')) },
          400: ERRORS[400],
          401: ERRORS[401],
          403: {
            description: 'The account is banned (ACCOUNT_BANNED)',
            content: json(ref('Error')),
          },
          429: ERRORS[429],
        },
      },
    },
    '/auth/refresh': {
      post: {
        operationId: 'refresh',
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new pair',
        description:
          'The presented refresh token is spent. Presenting a spent token again revokes the whole ' +
          'login (every access and refresh token of it).',
        requestBody: body(ref('RefreshRequest')),
        responses: {
          200: { description: 'The new pair', content: json(ref('TokenPair')) },
          400: ERRORS[400],
          401: ERRORS[401],
          429: ERRORS[429],
        },
      },
    },
    '/auth/logout': {
      post: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'End the login: the access token and its refresh tokens stop working at once',
        security: [{ bearer: [] }],
        requestBody: { required: false, content: json(ref('LogoutRequest')) },
        responses: {
          204: { description: 'Logged out' },
          400: ERRORS[400],
          401: ERRORS[401],
          429: ERRORS[429],
        },
      },
    },
  },
};
