import { conflict, forbidden, unauthenticated, type Logger } from '@gomall/kit';
import { toPublicUser, type UserRepository } from '../data/user-repository';
import type { UserEvents } from '../events/user-events';
import type { PasswordHasher } from './passwords';
import {
  ROLES,
  type Credentials,
  type PublicUser,
  type RegisterInput,
  type UpdateInput,
} from './users';

/** The one message for an unknown email and a wrong password, so neither is told apart. */
export const BAD_CREDENTIALS = 'Email or password is wrong';

/** Accounts: registration, credential checks, profile changes, deletion. */
export class Accounts {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly events: UserEvents,
  ) {}

  async register(input: RegisterInput, roles: string[] = [ROLES.customer]): Promise<PublicUser> {
    const created = await this.users.create({
      email: input.email,
      name: input.name,
      passwordHash: await this.passwords.hash(input.password),
      roles,
    });
    if (!created) throw conflict('This email is already registered');
    await this.events.registered(created.id);
    return toPublicUser(created);
  }

  /** The user whose password this is; 401 with one message for every kind of failure. */
  async verifyCredentials(credentials: Credentials): Promise<PublicUser> {
    const user = await this.users.findByEmail(credentials.email);
    const ok = await this.passwords.verifyOrWaste(credentials.password, user?.passwordHash);
    if (!ok || !user) throw unauthenticated(BAD_CREDENTIALS);
    return toPublicUser(user);
  }

  async profile(userId: string): Promise<PublicUser> {
    const user = await this.users.findById(userId);
    if (!user) throw unauthenticated('This account no longer exists');
    return toPublicUser(user);
  }

  async update(userId: string, changes: UpdateInput): Promise<PublicUser> {
    const user = await this.users.findById(userId);
    if (!user) throw unauthenticated('This account no longer exists');
    let passwordHash: string | undefined;
    if (changes.password !== undefined) {
      const current = changes.currentPassword ?? '';
      if (!(await this.passwords.verify(current, user.passwordHash))) {
        throw forbidden('currentPassword is wrong');
      }
      passwordHash = await this.passwords.hash(changes.password);
    }
    const updated = await this.users.update(userId, { name: changes.name, passwordHash });
    if (!updated) throw unauthenticated('This account no longer exists');
    return toPublicUser(updated);
  }

  async delete(userId: string): Promise<void> {
    if (!(await this.users.delete(userId))) throw unauthenticated('This account no longer exists');
    await this.events.deleted(userId);
  }

  /**
   * The first admin from configuration. Created only when the email is free: an existing account
   * with that email is never promoted (someone could have registered it first).
   */
  async ensureAdmin(email: string, password: string, logger: Logger): Promise<void> {
    const existing = await this.users.findByEmail(email);
    if (existing) {
      if (!existing.roles.includes(ROLES.admin)) {
        logger.warn('the configured admin email belongs to a non-admin account; not promoted');
      }
      return;
    }
    const created = await this.users.create({
      email,
      name: 'Administrator',
      passwordHash: await this.passwords.hash(password),
      roles: [ROLES.customer, ROLES.admin],
    });
    // Another replica may have won the race; either way the admin now exists.
    if (created) logger.info({ userId: created.id }, 'created the configured admin');
  }
}
