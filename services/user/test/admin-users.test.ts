import type { Transaction } from 'sequelize';
import type { StoredUser } from '../src/data/user-repository';
import { AdminUsers, type AdminUserStore, type AuditStore } from '../src/domain/admin-users';
import type { NewAuditEntry } from '../src/domain/audit-log';
import { rolesBodySchema } from '@gomall/contracts';
import { likePattern } from '../src/domain/users';

// The rules of the admin actions, with the storage replaced by maps (the SQL — locks, search —
// runs against MariaDB in test/integration/admin-users.test.ts).
function setup(users: Array<Pick<StoredUser, 'id' | 'roles'> & { banned?: boolean }>) {
  const rows = new Map<string, StoredUser>(
    users.map((u) => [
      u.id,
      {
        id: u.id,
        email: `${u.id}@gomall.test`,
        name: u.id,
        roles: u.roles,
        createdAt: new Date(0).toISOString(),
        passwordHash: 'hash',
        ban: u.banned ? { at: new Date(0).toISOString(), by: 'x', reason: 'old' } : null,
      },
    ]),
  );
  const entries: NewAuditEntry[] = [];
  const unused = (what: string) => () => Promise.reject(new Error(`${what}: not used here`));
  const repository: AdminUserStore = {
    search: unused('search'),
    findById: unused('findById'),
    emailsOf: unused('emailsOf'),
    lock: (id: string) => Promise.resolve(rows.get(id)),
    lockActiveAdmins: () =>
      Promise.resolve(
        [...rows.values()].filter((u) => u.roles.includes('admin') && !u.ban).map((u) => u.id),
      ),
    setBan: (id: string, ban: { at: Date; by: string; reason: string } | null) => {
      const user = rows.get(id)!;
      user.ban = ban ? { at: ban.at.toISOString(), by: ban.by, reason: ban.reason } : null;
      return Promise.resolve(user);
    },
    setRoles: (id: string, roles: string[]) => {
      rows.get(id)!.roles = roles;
      return Promise.resolve(rows.get(id)!);
    },
  };
  const audit: AuditStore = {
    page: unused('page'),
    add: (entry: NewAuditEntry) => {
      entries.push(entry);
      return Promise.resolve({ ...entry, id: String(entries.length), at: '' });
    },
  };
  const admin = new AdminUsers({
    users: repository,
    audit,
    inTransaction: (work) => work({} as Transaction),
  });
  return { admin, rows, entries };
}

describe('AdminUsers', () => {
  it('refuses to remove the admin role from the last admin who can sign in', async () => {
    const { admin, entries } = setup([
      { id: 'root', roles: ['customer', 'admin'] },
      { id: 'old-admin', roles: ['customer', 'admin'], banned: true },
    ]);
    await expect(admin.setRoles('root', 'root', ['customer'])).rejects.toMatchObject({
      status: 409,
    });
    expect(entries).toEqual([]);
  });

  it('lets one admin step down while another remains, and records before and after', async () => {
    const { admin, entries } = setup([
      { id: 'root', roles: ['customer', 'admin'] },
      { id: 'second', roles: ['customer', 'admin'] },
    ]);
    const user = await admin.setRoles('root', 'second', ['customer']);
    expect(user.roles).toEqual(['customer']);
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: 'root',
        action: 'user.roles_changed',
        targetId: 'second',
        details: expect.objectContaining({ before: ['customer', 'admin'], after: ['customer'] }),
      }),
    ]);
  });

  it('records nothing when the roles are already those', async () => {
    const { admin, entries } = setup([{ id: 'root', roles: ['customer', 'admin'] }]);
    await admin.setRoles('root', 'root', ['customer', 'admin']);
    expect(entries).toEqual([]);
  });

  it('refuses a self-ban, bans once however often asked, and unbans', async () => {
    const { admin, entries } = setup([
      { id: 'root', roles: ['customer', 'admin'] },
      { id: 'bob', roles: ['customer'] },
    ]);
    await expect(admin.ban('root', 'root', 'oops')).rejects.toMatchObject({ status: 409 });
    const first = await admin.ban('root', 'bob', 'fraud');
    const again = await admin.ban('root', 'bob', 'other reason');
    expect(first).toMatchObject({ banned: true, banReason: 'fraud', bannedBy: 'root' });
    expect(again.banReason).toBe('fraud');
    expect(first).not.toHaveProperty('passwordHash');
    const unbanned = await admin.unban('root', 'bob');
    expect(unbanned).toMatchObject({ banned: false, banReason: null });
    await admin.unban('root', 'bob');
    expect(entries.map((e) => e.action)).toEqual(['user.banned', 'user.unbanned']);
  });

  it('answers 404 for an unknown user', async () => {
    const { admin } = setup([{ id: 'root', roles: ['customer', 'admin'] }]);
    await expect(admin.ban('root', 'ghost', 'x')).rejects.toMatchObject({ status: 404 });
    await expect(admin.setRoles('root', 'ghost', ['customer'])).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('admin user schemas', () => {
  it('orders roles and drops repeats', () => {
    expect(rolesBodySchema.parse({ roles: ['admin', 'customer', 'admin'] }).roles).toEqual([
      'customer',
      'admin',
    ]);
    expect(rolesBodySchema.safeParse({ roles: ['root'] }).success).toBe(false);
    expect(rolesBodySchema.safeParse({ roles: [] }).success).toBe(false);
  });

  it('searches literally', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
