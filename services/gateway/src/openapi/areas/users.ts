import { bearer, body, ERRORS, json, nonBlank, ref, type ApiArea } from '../building-blocks';
import { password } from './auth';

export const usersArea: ApiArea = {
  schemas: {
    UpdateProfileRequest: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: nonBlank(100),
        password: { ...password, description: `${password.description}; needs currentPassword` },
        currentPassword: { type: 'string', minLength: 1, maxLength: 1024 },
      },
      // A name, a password change (new and current password together), or both.
      anyOf: [
        {
          required: ['name'],
          not: { anyOf: [{ required: ['password'] }, { required: ['currentPassword'] }] },
        },
        { required: ['password', 'currentPassword'] },
      ],
    },
  },
  paths: {
    '/users/me': {
      get: {
        operationId: 'getMe',
        tags: ['users'],
        summary: 'The signed-in user',
        security: bearer,
        responses: {
          200: { description: 'The user', content: json(ref('User')) },
          401: ERRORS[401],
          429: ERRORS[429],
        },
      },
      patch: {
        operationId: 'updateMe',
        tags: ['users'],
        summary: 'Change the name or the password (with the current password)',
        description: 'A new password ends every other login of the user at once.',
        security: bearer,
        requestBody: body(ref('UpdateProfileRequest')),
        responses: {
          200: { description: 'The user', content: json(ref('User')) },
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
          429: ERRORS[429],
        },
      },
      delete: {
        operationId: 'deleteMe',
        tags: ['users'],
        summary: 'Delete the account: tokens revoked at once, cart emptied',
        security: bearer,
        responses: { 204: { description: 'Deleted' }, 401: ERRORS[401], 429: ERRORS[429] },
      },
    },
  },
};
