import { randomUUID } from 'node:crypto';
import {
  adminUserSchema,
  auditEntrySchema,
  pageSchema,
  registeredSchema,
  userSchema,
  type AdminUser,
  type AdminUserQuery,
  type AuditEntry,
  type AuditLogQuery,
  type BanBody,
  type Page,
  type RegisterBody,
  type ReportedActionInput,
  type RolesBody,
  type UpdateProfileBody,
  type User,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

const adminUserPage = pageSchema(adminUserSchema);
const auditPage = pageSchema(auditEntrySchema);

/**
 * The user service as the gateway sees it (each answer checked against the contracts outside
 * production). `/users/me` is the caller the invoker forwards. Changes
 * carry a fresh Idempotency-Key per call: a repeat of the call replays the first answer.
 */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  register(body: RegisterBody): Promise<{ user: User }> {
    return this.invoker.callChecked(registeredSchema, 'POST', '/users', {
      body,
      idempotencyKey: randomUUID(),
    });
  }

  me(): Promise<User> {
    return this.invoker.callChecked(userSchema, 'GET', '/users/me');
  }

  update(changes: UpdateProfileBody): Promise<User> {
    return this.invoker.callChecked(userSchema, 'PATCH', '/users/me', {
      body: changes,
      idempotencyKey: randomUUID(),
    });
  }

  deleteMe(): Promise<void> {
    return this.invoker.send('DELETE', '/users/me', { idempotencyKey: randomUUID() });
  }

  // Admin tools: the acting admin is the caller the invoker forwards. Ban, unban and roles set a
  // state, so repeating one changes (and records) nothing more.

  searchUsers(query: AdminUserQuery): Promise<Page<AdminUser>> {
    return this.invoker.callChecked(adminUserPage, 'GET', '/admin/users', { query });
  }

  adminGet(id: string): Promise<AdminUser> {
    return this.invoker.callChecked(
      adminUserSchema,
      'GET',
      `/admin/users/${encodeURIComponent(id)}`,
    );
  }

  ban(id: string, body: BanBody): Promise<AdminUser> {
    return this.invoker.callChecked(
      adminUserSchema,
      'POST',
      `/admin/users/${encodeURIComponent(id)}/ban`,
      { body },
    );
  }

  unban(id: string): Promise<AdminUser> {
    return this.invoker.callChecked(
      adminUserSchema,
      'POST',
      `/admin/users/${encodeURIComponent(id)}/unban`,
    );
  }

  setRoles(id: string, body: RolesBody): Promise<AdminUser> {
    return this.invoker.callChecked(
      adminUserSchema,
      'PUT',
      `/admin/users/${encodeURIComponent(id)}/roles`,
      { body },
    );
  }

  auditLog(query: AuditLogQuery): Promise<Page<AuditEntry>> {
    return this.invoker.callChecked(auditPage, 'GET', '/admin/audit-log', { query });
  }

  report(action: ReportedActionInput): Promise<void> {
    return this.invoker.send('POST', '/admin/audit-log', { body: action });
  }
}
