import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { SecurityConfig } from './auth-config';
import { rateLimited, sharedLimiter } from './limiter-factory';

/** One login try, taken before the password is checked (see LoginThrottle.begin). */
export interface LoginAttempt {
  key: string;
  /** Tries of this email used in the window, this one included. */
  used: number;
}

/**
 * Failed logins per email: LOGIN_FAILURES_PER_EMAIL tries per window. Each login takes a try
 * **before** its password is checked and gives it back when the password was right, so however
 * many wrong passwords arrive at once, no more than that many are ever checked. The try that used
 * the last one, when wrong, blocks the email — every login answers 429 with Retry-After, right
 * password or not — for LOGIN_BLOCK_BASE_SEC, doubling with each further block (not each failure)
 * up to LOGIN_BLOCK_MAX_SEC. Unknown emails count like known ones, so the throttle does not reveal
 * which exist. Emails are hashed in the keys.
 */
export class LoginThrottle {
  private readonly tries;
  private readonly blocks;

  constructor(
    redis: Redis,
    private readonly config: SecurityConfig,
  ) {
    this.tries = sharedLimiter(
      redis,
      'login-fail',
      config.LOGIN_FAILURES_PER_EMAIL,
      config.LOGIN_FAILURE_WINDOW_SEC,
    );
    // How many times the email was blocked lately: the exponent of the backoff.
    this.blocks = sharedLimiter(redis, 'login-blocks', 1_000_000, 24 * 60 * 60);
  }

  /** Takes one try for the email, atomically; 429 when none is left (or it is blocked). */
  async begin(email: string): Promise<LoginAttempt> {
    const key = keyOf(email);
    try {
      const state = await this.tries.consume(key, 1);
      return { key, used: state.consumedPoints };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext);
      throw rejection;
    }
  }

  /** A wrong password: the try stays used; the one that used the last try starts a block. */
  async failed(attempt: LoginAttempt): Promise<void> {
    if (attempt.used !== this.config.LOGIN_FAILURES_PER_EMAIL) return;
    const blocked = await this.blocks.penalty(attempt.key, 1);
    const seconds = Math.min(
      this.config.LOGIN_BLOCK_BASE_SEC * 2 ** (blocked.consumedPoints - 1),
      this.config.LOGIN_BLOCK_MAX_SEC,
    );
    await this.tries.block(attempt.key, seconds);
  }

  /** The right password (or no answer about it at all): the try is given back. */
  async giveBack(attempt: LoginAttempt): Promise<void> {
    await this.tries.reward(attempt.key, 1);
  }
}

const keyOf = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
