import { randomUUID } from 'node:crypto';
import type {
  AdminUser,
  AdminUserQuery,
  AuditEntry,
  AuditLogQuery,
  BanBody,
  Page,
  RegisterBody,
  ReportedActionInput,
  RolesBody,
  UpdateProfileBody,
  User,
} from '@gomall/contracts';
import type { ServiceInvoker } from '@gomall/kit';

/**
 * The user service as the gateway sees it. `/users/me` is the caller the invoker forwards. Changes
 * carry a fresh Idempotency-Key per call: a repeat of the call replays the first answer.
 */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  register(body: RegisterBody): Promise<{ user: User }> {
    return this.invoker.call('POST', '/users', { body, idempotencyKey: randomUUID() });
  }

  me(): Promise<User> {
    return this.invoker.call('GET', '/users/me');
  }

  update(changes: UpdateProfileBody): Promise<User> {
    return this.invoker.call('PATCH', '/users/me', { body: changes, idempotencyKey: randomUUID() });
  }

  async deleteMe(): Promise<void> {
    await this.invoker.call('DELETE', '/users/me', { idempotencyKey: randomUUID() });
  }

  // Admin tools: the acting admin is the caller the invoker forwards. Ban, unban and roles set a
  // state, so repeating one changes (and records) nothing more.

  searchUsers(query: AdminUserQuery): Promise<Page<AdminUser>> {
    return this.invoker.call('GET', '/admin/users', { query });
  }

  adminGet(id: string): Promise<AdminUser> {
    return this.invoker.call('GET', `/admin/users/${encodeURIComponent(id)}`);
  }

  ban(id: string, body: BanBody): Promise<AdminUser> {
    return this.invoker.call('POST', `/admin/users/${encodeURIComponent(id)}/ban`, { body });
  }

  unban(id: string): Promise<AdminUser> {
    return this.invoker.call('POST', `/admin/users/${encodeURIComponent(id)}/unban`);
  }

  setRoles(id: string, body: RolesBody): Promise<AdminUser> {
    return this.invoker.call('PUT', `/admin/users/${encodeURIComponent(id)}/roles`, { body });
  }

  auditLog(query: AuditLogQuery): Promise<Page<AuditEntry>> {
    return this.invoker.call('GET', '/admin/audit-log', { query });
  }

  async report(action: ReportedActionInput): Promise<void> {
    await this.invoker.call('POST', '/admin/audit-log', { body: action });
  }
}
