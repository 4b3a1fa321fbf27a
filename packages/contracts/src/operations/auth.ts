import { loginBodySchema, refreshBodySchema, tokenPairSchema } from '../api/users';
import {
  currentRolesBodySchema,
  logoutOthersBodySchema,
  sessionLogoutBodySchema,
} from '../internal/auth';
import type { Operation } from './operation';

/** What the auth service answers to the gateway. */
export const authOperations = {
  login: { method: 'POST', path: '/login', body: loginBodySchema, answer: tokenPairSchema },
  refresh: { method: 'POST', path: '/refresh', body: refreshBodySchema, answer: tokenPairSchema },
  logout: { method: 'POST', path: '/logout', body: sessionLogoutBodySchema },
  logoutOthers: { method: 'POST', path: '/logout-others', body: logoutOthersBodySchema },
  revokeCaller: { method: 'POST', path: '/revoke-user' },
  revokeUser: { method: 'POST', path: '/admin/users/:id/revoke' },
  rolesChanged: { method: 'PUT', path: '/admin/users/:id/roles', body: currentRolesBodySchema },
} as const satisfies Record<string, Operation>;
