import type { AdminUser, AuditEntry, Page } from '@gomall/contracts';
import type { PageState } from '../../http/page-state';
import { alertBox, csrfField, field, pager } from '../components';
import { html, type Html } from '../html';
import { layout } from '../layout';

export interface UserFilters {
  q?: string;
  role?: string;
  banned?: string;
}

export interface AuditFilters {
  action?: string;
  targetId?: string;
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'user.banned': 'Banned a user',
  'user.unbanned': 'Lifted a ban',
  'user.roles_changed': 'Changed roles',
  'order.address_changed': "Changed an order's address",
  'saga.retried': 'Retried a checkout',
};

const date = (iso: string | null) =>
  iso ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') : '';

function option(value: string, label: string, selected: string | undefined): Html {
  return html`<option value="${value}" ${value === (selected ?? '') ? html`selected` : ''}>
    ${label}
  </option>`;
}

function select(
  id: string,
  label: string,
  options: Array<[string, string]>,
  selected?: string,
): Html {
  return html`<div class="field">
    <label for="f-${id}">${label}</label>
    <select id="f-${id}" name="${id}">
      ${options.map(([value, text]) => option(value, text, selected))}
    </select>
  </div>`;
}

const statusOf = (user: AdminUser): Html =>
  user.banned
    ? html`<span class="status status-cancelled">banned</span>`
    : html`<span class="status status-paid">active</span>`;

const userLink = (id: string, text: string) =>
  html`<a href="/admin/users/${encodeURIComponent(id)}">${text}</a>`;

export function usersPage(page: PageState, users: Page<AdminUser>, filters: UserFilters): string {
  return layout(
    { title: 'Users', page },
    html`<h1>Users</h1>
      <p><a href="/admin">Shop admin</a> · <a href="/admin/audit-log">Audit log</a></p>
      <form method="get" action="/admin/users" class="inline-form" role="search" aria-label="Users">
        ${field({ label: 'Email or name', name: 'q', value: filters.q, maxlength: 100 })}
        ${select(
          'role',
          'Role',
          [
            ['', 'Any role'],
            ['customer', 'Customer'],
            ['admin', 'Admin'],
          ],
          filters.role,
        )}
        ${select(
          'banned',
          'Status',
          [
            ['', 'Any status'],
            ['false', 'Active'],
            ['true', 'Banned'],
          ],
          filters.banned,
        )}
        <button type="submit">Find users</button>
      </form>
      ${
        users.items.length === 0
          ? html`<p>No users match.</p>`
          : html`<table class="admin">
              <caption class="visually-hidden">
                Users, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                ${users.items.map(
                  (u) =>
                    html`<tr>
                      <th scope="row">${userLink(u.id, u.name)}</th>
                      <td>${u.email}</td>
                      <td>${u.roles.join(', ')}</td>
                      <td>${statusOf(u)}</td>
                      <td>${date(u.createdAt)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${pager('/admin/users', { ...filters }, users.page, users.pageSize, users.total)}`,
  );
}

export function userPage(
  page: PageState,
  user: AdminUser,
  history: AuditEntry[],
  view: { error?: string } = {},
): string {
  const base = `/admin/users/${encodeURIComponent(user.id)}`;
  const isAdmin = user.roles.includes('admin');
  return layout(
    { title: user.name, page },
    html`<h1>${user.name}</h1>
      ${alertBox(view.error)}
      <p><a href="/admin/users">All users</a></p>
      <dl class="facts">
        <dt>Email</dt>
        <dd>${user.email}</dd>
        <dt>Roles</dt>
        <dd>${user.roles.join(', ')}</dd>
        <dt>Status</dt>
        <dd>
          ${statusOf(user)}
          ${user.banned ? html` since ${date(user.bannedAt)}: ${user.banReason}` : ''}
        </dd>
        <dt>Joined</dt>
        <dd>${date(user.createdAt)}</dd>
        <dt>Id</dt>
        <dd><code>${user.id}</code></dd>
      </dl>
      <h2>Ban</h2>
      ${
        user.banned
          ? html`<form method="post" action="${base}/unban" data-once>
              ${csrfField(page.csrf)}
              <button type="submit">Lift the ban</button>
            </form>`
          : html`<form method="post" action="${base}/ban" class="narrow" data-once>
              ${csrfField(page.csrf)}
              ${field({ label: 'Reason for the ban', name: 'reason', required: true, maxlength: 500, hint: 'Signs the user out everywhere at once; they cannot sign in until the ban is lifted.' })}
              <button type="submit" class="danger">Ban user</button>
            </form>`
      }
      <h2>Roles</h2>
      <form method="post" action="${base}/roles" class="narrow" data-once>
        ${csrfField(page.csrf)}
        <fieldset class="checks">
          <legend>Roles of this user</legend>
          <label
            ><input
              type="checkbox"
              name="role_customer"
              value="1"
              ${user.roles.includes('customer') ? html`checked` : ''}
            />
            Customer</label
          >
          <label
            ><input type="checkbox" name="role_admin" value="1" ${isAdmin ? html`checked` : ''} />
            Admin</label
          >
        </fieldset>
        <button type="submit">Save roles</button>
      </form>
      <h2>History</h2>
      ${auditTable(history, 'What admins did to this user, newest first')}`,
  );
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function describe(entry: AuditEntry): string {
  const d = entry.details;
  const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '');
  switch (entry.action) {
    case 'user.banned':
      return `Reason: ${str(d.reason)}`;
    case 'user.roles_changed':
      return `${list(d.before)} → ${list(d.after)}`;
    case 'user.unbanned':
      return d.previousReason ? `Was banned for: ${str(d.previousReason)}` : '';
    case 'order.address_changed': {
      const to = (d.to ?? {}) as Record<string, unknown>;
      return ['street', 'city', 'country']
        .map((k) => str(to[k]))
        .filter(Boolean)
        .join(', ');
    }
    default:
      return '';
  }
}

function target(entry: AuditEntry): Html | string {
  if (entry.targetType === 'user') {
    return userLink(entry.targetId, str(entry.details.email) || `user ${entry.targetId}`);
  }
  return `${entry.targetType} ${entry.targetId}`;
}

function auditTable(entries: AuditEntry[], caption: string): Html {
  if (entries.length === 0) return html`<p>Nothing recorded yet.</p>`;
  return html`<table class="admin audit">
    <caption class="visually-hidden">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">When (UTC)</th>
        <th scope="col">Admin</th>
        <th scope="col">Action</th>
        <th scope="col">Target</th>
        <th scope="col">Details</th>
      </tr>
    </thead>
    <tbody>
      ${entries.map(
        (e) =>
          html`<tr>
            <td>${date(e.at)}</td>
            <td>${userLink(e.actorId, e.actorEmail ?? e.actorId)}</td>
            <th scope="row">${AUDIT_ACTION_LABELS[e.action] ?? e.action}</th>
            <td>${target(e)}</td>
            <td>${describe(e)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function auditLogPage(
  page: PageState,
  entries: Page<AuditEntry>,
  filters: AuditFilters,
): string {
  return layout(
    { title: 'Audit log', page },
    html`<h1>Audit log</h1>
      <p><a href="/admin">Shop admin</a> · <a href="/admin/users">Users</a></p>
      <form method="get" action="/admin/audit-log" class="inline-form">
        ${select('action', 'Action', [['', 'Any action'], ...Object.entries(AUDIT_ACTION_LABELS)], filters.action)}
        ${field({ label: 'Target id', name: 'targetId', value: filters.targetId, maxlength: 64 })}
        <button type="submit">Filter</button>
      </form>
      ${auditTable(entries.items, 'Admin actions, newest first')}
      ${pager('/admin/audit-log', { ...filters }, entries.page, entries.pageSize, entries.total)}`,
  );
}
