import { AppError, conflict, forbidden, TOPICS, unauthenticated, type Logger } from '@gomall/kit';
import type { Transaction } from 'sequelize';
import type { Outbox } from '../data/outbox';
import { toPublicUser, type UserRepository } from '../data/user-repository';
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

export type InTransaction = <T>(work: (transaction: Transaction) => Promise<T>) => Promise<T>;

/** What the accounts need around them: storage, the outbox, and a way to wake its relay. */
export interface AccountsDeps {
  users: UserRepository;
  outbox: Outbox;
  inTransaction: InTransaction;
  passwords: PasswordHasher;
  /** Called after a commit that wrote events. */
  eventsWritten: () => void;
}

/** Accounts: registration, credential checks, profile changes, deletion. */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  async register(input: RegisterInput, roles: string[] = [ROLES.customer]): Promise<PublicUser> {
    const { users, outbox, inTransaction, passwords } = this.deps;
    const passwordHash = await passwords.hash(input.password);
    const created = await inTransaction(async (transaction) => {
      const user = await users.create(
        { email: input.email, name: input.name, passwordHash, roles },
        transaction,
      );
      if (user) await outbox.add(TOPICS.userRegistered, { userId: user.id }, transaction);
      return user;
    });
    if (!created) throw conflict('This email is already registered');
    this.deps.eventsWritten();
    return toPublicUser(created);
  }

  /** The user whose password this is; 401 with one message for every kind of failure. */
  async verifyCredentials(credentials: Credentials): Promise<PublicUser> {
    const user = await this.deps.users.findByEmail(credentials.email);
    const ok = await this.deps.passwords.verifyOrWaste(credentials.password, user?.passwordHash);
    if (!ok || !user) throw unauthenticated(BAD_CREDENTIALS);
    return toPublicUser(user);
  }

  async profile(userId: string): Promise<PublicUser> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw unauthenticated('This account no longer exists');
    return toPublicUser(user);
  }

  async update(userId: string, changes: UpdateInput): Promise<PublicUser> {
    const { users, passwords } = this.deps;
    const user = await users.findById(userId);
    if (!user) throw unauthenticated('This account no longer exists');
    let passwordHash: string | undefined;
    if (changes.password !== undefined) {
      const current = changes.currentPassword ?? '';
      if (!(await passwords.verify(current, user.passwordHash))) {
        throw forbidden('currentPassword is wrong');
      }
      passwordHash = await passwords.hash(changes.password);
    }
    const updated = await users.update(userId, { name: changes.name, passwordHash });
    if (!updated) throw unauthenticated('This account no longer exists');
    return toPublicUser(updated);
  }

  async delete(userId: string): Promise<void> {
    const { users, outbox, inTransaction } = this.deps;
    const deleted = await inTransaction(async (transaction) => {
      if (!(await users.delete(userId, transaction))) return false;
      await outbox.add(TOPICS.userDeleted, { userId }, transaction);
      return true;
    });
    if (!deleted) throw unauthenticated('This account no longer exists');
    this.deps.eventsWritten();
  }

  /**
   * The first admin from configuration. Created only when the email is free: an existing account
   * with that email is never promoted (someone could have registered it first).
   */
  async ensureAdmin(email: string, password: string, logger: Logger): Promise<void> {
    const existing = await this.deps.users.findByEmail(email);
    if (existing) {
      if (!existing.roles.includes(ROLES.admin)) {
        logger.warn('the configured admin email belongs to a non-admin account; not promoted');
      }
      return;
    }
    try {
      const admin = await this.register({ email, password, name: 'Administrator' }, [
        ROLES.customer,
        ROLES.admin,
      ]);
      logger.info({ userId: admin.id }, 'created the configured admin');
    } catch (error) {
      // Another replica created it first; either way the admin now exists.
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
}
