export const ROLES = { customer: 'customer', admin: 'admin' } as const;

/** Why and since when an account is banned, and by which admin. */
export interface Ban {
  at: string;
  by: string;
  reason: string;
}

export const rolesToColumn = (roles: readonly string[]): string => roles.join(',');
export const rolesFromColumn = (column: string): string[] => column.split(',').filter(Boolean);

/** A LIKE pattern matching `q` literally anywhere (`%`, `_` and `\` are not wildcards). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
