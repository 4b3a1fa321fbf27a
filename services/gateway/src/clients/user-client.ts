import { randomUUID } from 'node:crypto';
import {
  userOperations,
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

/**
 * The user service as the gateway sees it (each answer checked against the contracts outside
 * production). `/users/me` is the caller the invoker forwards. Changes
 * carry a fresh Idempotency-Key per call: a repeat of the call replays the first answer.
 */
export class UserClient {
  constructor(private readonly invoker: ServiceInvoker) {}

  register(body: RegisterBody): Promise<{ user: User }> {
    return this.invoker.invoke(userOperations.register, { body, idempotencyKey: randomUUID() });
  }

  me(): Promise<User> {
    return this.invoker.invoke(userOperations.me);
  }

  update(changes: UpdateProfileBody): Promise<User> {
    return this.invoker.invoke(userOperations.updateMe, {
      body: changes,
      idempotencyKey: randomUUID(),
    });
  }

  deleteMe(): Promise<void> {
    return this.invoker.invoke(userOperations.deleteMe, { idempotencyKey: randomUUID() });
  }

  // Admin tools: the acting admin is the caller the invoker forwards. Ban, unban and roles set a
  // state, so repeating one changes (and records) nothing more.

  searchUsers(query: AdminUserQuery): Promise<Page<AdminUser>> {
    return this.invoker.invoke(userOperations.searchUsers, { query });
  }

  adminGet(id: string): Promise<AdminUser> {
    return this.invoker.invoke(userOperations.adminGet, { params: { id } });
  }

  ban(id: string, body: BanBody): Promise<AdminUser> {
    return this.invoker.invoke(userOperations.ban, { params: { id }, body });
  }

  unban(id: string): Promise<AdminUser> {
    return this.invoker.invoke(userOperations.unban, { params: { id } });
  }

  setRoles(id: string, body: RolesBody): Promise<AdminUser> {
    return this.invoker.invoke(userOperations.setRoles, { params: { id }, body });
  }

  auditLog(query: AuditLogQuery): Promise<Page<AuditEntry>> {
    return this.invoker.invoke(userOperations.auditLog, { query });
  }

  report(action: ReportedActionInput): Promise<void> {
    return this.invoker.invoke(userOperations.report, { body: action });
  }
}
