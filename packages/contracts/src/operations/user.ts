import {
  loginBodySchema,
  registerBodySchema,
  registeredSchema,
  updateProfileBodySchema,
  userSchema,
} from '../api/users';
import {
  adminUserQuerySchema,
  adminUserSchema,
  auditEntrySchema,
  auditLogQuerySchema,
  banBodySchema,
  rolesBodySchema,
} from '../api/admin-users';
import { contactSchema, reportedActionSchema } from '../internal/user';
import { pageSchema } from '../page';
import type { Operation } from './operation';

/** What the user service answers to auth, the gateway and the notification service. */
export const userOperations = {
  verifyCredentials: {
    method: 'POST',
    path: '/credentials/verify',
    body: loginBodySchema,
    answer: registeredSchema,
  },
  register: { method: 'POST', path: '/users', body: registerBodySchema, answer: registeredSchema },
  me: { method: 'GET', path: '/users/me', answer: userSchema },
  updateMe: {
    method: 'PATCH',
    path: '/users/me',
    body: updateProfileBodySchema,
    answer: userSchema,
  },
  deleteMe: { method: 'DELETE', path: '/users/me' },
  contact: { method: 'GET', path: '/users/:id/contact', answer: contactSchema },
  searchUsers: {
    method: 'GET',
    path: '/admin/users',
    query: adminUserQuerySchema,
    answer: pageSchema(adminUserSchema),
  },
  adminGet: { method: 'GET', path: '/admin/users/:id', answer: adminUserSchema },
  ban: {
    method: 'POST',
    path: '/admin/users/:id/ban',
    body: banBodySchema,
    answer: adminUserSchema,
  },
  unban: { method: 'POST', path: '/admin/users/:id/unban', answer: adminUserSchema },
  setRoles: {
    method: 'PUT',
    path: '/admin/users/:id/roles',
    body: rolesBodySchema,
    answer: adminUserSchema,
  },
  auditLog: {
    method: 'GET',
    path: '/admin/audit-log',
    query: auditLogQuerySchema,
    answer: pageSchema(auditEntrySchema),
  },
  report: { method: 'POST', path: '/admin/audit-log', body: reportedActionSchema },
} as const satisfies Record<string, Operation>;
