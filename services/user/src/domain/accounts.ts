import {
  TOPICS,
  type Contact,
  type LoginBody,
  type RegisterBody,
  type UpdateProfileBody,
  type User as PublicUser,
} from '@gomall/contracts';
import { AppError, conflict, forbidden, notFound, unauthenticated, type Logger } from '@gomall/kit';
import { type IdempotentRequests, type Outbox } from '@gomall/kit/db';
import { toPublicUser, type UserRepository } from '../data/user-repository';
import type { PasswordHasher } from './passwords';
import { ROLES } from './users';

/** The one message for an unknown email and a wrong password, so neither is told apart. */
const BAD_CREDENTIALS = 'Email or password is wrong';
const GONE = 'This account no longer exists';
/** What a banned user is told at login: clearly, but only once the password was right. */
const BANNED = 'This account is banned. Contact the shop if you think this is a mistake.';
const accountBanned = (): AppError => new AppError(403, 'ACCOUNT_BANNED', BANNED);

/** What the accounts need around them: storage, the outbox, replay of repeated requests. */
export interface AccountsDeps {
  users: UserRepository;
  /** The kit's outbox: events are written in the transaction of the change they announce. */
  outbox: Pick<Outbox, 'add'>;
  /**
   * Every change runs through it: with the caller's Idempotency-Key a repeated request answers
   * what the first one did (a retried registration is not a 409, a retried password change not a
   * 403); without one it is just the change's transaction.
   */
  requests: IdempotentRequests;
  passwords: PasswordHasher;
}

/** Accounts: registration, credential checks, profile changes, deletion. */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  async register(
    input: RegisterBody,
    options: { roles?: string[]; idempotencyKey?: string } = {},
  ): Promise<PublicUser> {
    const { users, outbox, requests, passwords } = this.deps;
    const roles = options.roles ?? [ROLES.customer];
    const passwordHash = await passwords.hash(input.password);
    // The password is left out of the fingerprint: a fast hash of it must not be stored.
    const request = { email: input.email, name: input.name, roles };
    return requests.run(
      { scope: 'register', key: options.idempotencyKey, input: request },
      async (transaction) => {
        const user = await users.create({ ...request, passwordHash }, transaction);
        if (!user) throw conflict('This email is already registered');
        await outbox.add(transaction, TOPICS.userRegistered, { userId: user.id });
        return toPublicUser(user);
      },
    );
  }

  /** The user whose password this is; 401 with one message for every kind of failure. */
  async verifyCredentials(credentials: LoginBody): Promise<PublicUser> {
    const user = await this.deps.users.findByEmail(credentials.email);
    const ok = await this.deps.passwords.verifyOrWaste(credentials.password, user?.passwordHash);
    if (!ok || !user) throw unauthenticated(BAD_CREDENTIALS);
    if (user.ban) throw accountBanned();
    return toPublicUser(user);
  }

  /** The caller's profile; auth's refresh reads it too, so a banned user's refresh fails here. */
  async profile(userId: string): Promise<PublicUser> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw unauthenticated(GONE);
    if (user.ban) throw accountBanned();
    return toPublicUser(user);
  }

  /** Where to write to a customer (the notification service's mails); 404 for an unknown id. */
  async contact(userId: string): Promise<Contact> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw notFound('No such user');
    return { id: user.id, email: user.email, name: user.name };
  }

  async update(
    userId: string,
    changes: UpdateProfileBody,
    idempotencyKey?: string,
  ): Promise<PublicUser> {
    const { users, passwords, requests } = this.deps;
    const request = { userId, name: changes.name, changesPassword: changes.password !== undefined };
    return requests.run(
      { scope: 'update-user', key: idempotencyKey, input: request },
      async (transaction) => {
        const user = await users.findById(userId);
        if (!user) throw unauthenticated(GONE);
        let passwordHash: string | undefined;
        if (changes.password !== undefined) {
          const current = changes.currentPassword ?? '';
          if (!(await passwords.verify(current, user.passwordHash))) {
            throw forbidden('currentPassword is wrong');
          }
          passwordHash = await passwords.hash(changes.password);
        }
        const updated = await users.update(
          userId,
          { name: changes.name, passwordHash },
          transaction,
        );
        if (!updated) throw unauthenticated(GONE);
        return toPublicUser(updated);
      },
    );
  }

  async delete(userId: string, idempotencyKey?: string): Promise<void> {
    const { users, outbox, requests } = this.deps;
    await requests.run(
      { scope: 'delete-user', key: idempotencyKey, input: { userId } },
      async (transaction) => {
        if (!(await users.delete(userId, transaction))) throw unauthenticated(GONE);
        await outbox.add(transaction, TOPICS.userDeleted, { userId });
        return null;
      },
    );
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
      const admin = await this.register(
        { email, password, name: 'Administrator' },
        { roles: [ROLES.customer, ROLES.admin] },
      );
      logger.info({ userId: admin.id }, 'created the configured admin');
    } catch (error) {
      // Another replica created it first; either way the admin now exists.
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    }
  }
}
