import {
  bearer,
  body,
  ERRORS,
  json,
  nonBlank,
  pageOf,
  pageParams,
  pathParam,
  queryParam,
  ref,
  type ApiArea,
} from '../building-blocks';

/** Not part of shared/api.md: the admin tools on users of issue 16, marked as an extension. */
const EXTENSION = { 'x-gomall-extension': 'admin users and audit log (not in shared/api.md)' };
const adminErrors = {
  400: ERRORS[400],
  401: ERRORS[401],
  403: ERRORS[403],
  429: ERRORS[429],
  503: ERRORS[503],
};
const ROLES = { type: 'string', enum: ['customer', 'admin'] };
const AUDIT_ACTIONS = [
  'user.banned',
  'user.unbanned',
  'user.roles_changed',
  'order.address_changed',
  'saga.retried',
];
const dateTime = { type: 'string', format: 'date-time' };
const id = { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' };
const nullableString = { type: ['string', 'null'] };
const userResponses = (summary: string) => ({
  200: { description: summary, content: json(ref('AdminUser')) },
  ...adminErrors,
  404: ERRORS[404],
});

export const adminUsersArea: ApiArea = {
  schemas: {
    AdminUser: {
      type: 'object',
      required: ['id', 'email', 'name', 'roles', 'createdAt', 'banned'],
      properties: {
        id: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        roles: { type: 'array', items: ROLES },
        createdAt: dateTime,
        banned: { type: 'boolean' },
        bannedAt: { type: ['string', 'null'], format: 'date-time' },
        bannedBy: { ...nullableString, description: 'The admin who banned the account' },
        banReason: nullableString,
      },
    },
    BanRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['reason'],
      properties: { reason: nonBlank(500) },
    },
    RolesRequest: {
      type: 'object',
      additionalProperties: false,
      required: ['roles'],
      properties: { roles: { type: 'array', items: ROLES, minItems: 1, maxItems: 4 } },
    },
    AdminAuditEntry: {
      type: 'object',
      required: [
        'id',
        'at',
        'actorId',
        'actorEmail',
        'action',
        'targetType',
        'targetId',
        'details',
      ],
      properties: {
        id: { type: 'string' },
        at: dateTime,
        actorId: { type: 'string', description: 'The admin who acted' },
        actorEmail: { ...nullableString, description: "That admin's email (null: account gone)" },
        action: { type: 'string', enum: AUDIT_ACTIONS },
        targetType: { type: 'string', enum: ['user', 'order', 'saga'] },
        targetId: { type: 'string' },
        details: { type: 'object', description: 'What changed (reason, roles before/after, …)' },
      },
    },
  },
  paths: {
    '/admin/users': {
      get: {
        ...EXTENSION,
        operationId: 'searchUsers',
        tags: ['admin'],
        summary: 'Users, newest first (admin): search by email or name, role, ban',
        security: bearer,
        parameters: [
          queryParam(
            'q',
            nonBlank(100),
            'Case-insensitive literal substring of the email or the name (trimmed)',
          ),
          queryParam('role', ROLES, 'Only users with this role'),
          queryParam('banned', { type: 'string', enum: ['true', 'false'] }, 'Banned or not'),
          ...pageParams,
        ],
        responses: {
          200: { description: 'A page of users', content: json(pageOf('AdminUser')) },
          ...adminErrors,
        },
      },
    },
    '/admin/users/{id}': {
      get: {
        ...EXTENSION,
        operationId: 'getUser',
        tags: ['admin'],
        summary: 'One user (admin)',
        security: bearer,
        parameters: [pathParam('id')],
        responses: userResponses('The user'),
      },
    },
    '/admin/users/{id}/ban': {
      post: {
        ...EXTENSION,
        operationId: 'banUser',
        tags: ['admin'],
        summary: 'Ban a user (admin): every session ends at once, login answers 403 ACCOUNT_BANNED',
        description:
          'Access tokens already issued are refused from the next request on, refresh tokens ' +
          'too. Banning a banned user changes nothing (the first reason stays). Admins cannot ' +
          'ban themselves (409). Recorded in the audit log.',
        security: bearer,
        parameters: [pathParam('id')],
        requestBody: body(ref('BanRequest')),
        responses: { ...userResponses('The banned user'), 409: ERRORS[409] },
      },
    },
    '/admin/users/{id}/unban': {
      post: {
        ...EXTENSION,
        operationId: 'unbanUser',
        tags: ['admin'],
        summary: 'Lift a ban (admin): the user can sign in again; idempotent',
        security: bearer,
        parameters: [pathParam('id')],
        responses: userResponses('The user'),
      },
    },
    '/admin/users/{id}/roles': {
      put: {
        ...EXTENSION,
        operationId: 'setUserRoles',
        tags: ['admin'],
        summary: "Set a user's roles (admin); they count from the user's next request",
        description:
          'Tokens already issued act with the new roles at once (the gateway reads them beside ' +
          'the revocation list). Removing the admin role from the last admin who can sign in is ' +
          'a 409. Recorded in the audit log.',
        security: bearer,
        parameters: [pathParam('id')],
        requestBody: body(ref('RolesRequest')),
        responses: { ...userResponses('The user with the new roles'), 409: ERRORS[409] },
      },
    },
    '/admin/audit-log': {
      get: {
        ...EXTENSION,
        operationId: 'adminAuditLog',
        tags: ['admin'],
        summary: 'What admins did (bans, roles, order addresses, saga retries), newest first',
        description: 'Not /admin/audit, which checks the money and stock invariants of the mall.',
        security: bearer,
        parameters: [
          queryParam('actorId', id, 'Only actions of this admin'),
          queryParam('targetId', id, 'Only actions on this user, order or saga'),
          queryParam('action', { type: 'string', enum: AUDIT_ACTIONS }, 'Only this action'),
          queryParam('from', dateTime, 'From this time (inclusive)'),
          queryParam('to', dateTime, 'Until this time (exclusive)'),
          ...pageParams,
        ],
        responses: {
          200: { description: 'A page of entries', content: json(pageOf('AdminAuditEntry')) },
          ...adminErrors,
        },
      },
    },
  },
};
