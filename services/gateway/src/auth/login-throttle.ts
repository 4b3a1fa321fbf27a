import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SecurityConfig } from './auth-config';
import { rateLimited, sharedLimiter } from './limiter-factory';

/**
 * Failed logins per email: after LOGIN_FAILURES_PER_EMAIL failures within the window the email is
 * blocked — every login for it answers 429 with Retry-After, right password or not — for
 * LOGIN_BLOCK_BASE_SEC, doubling with each further block up to LOGIN_BLOCK_MAX_SEC. Unknown emails
 * count like known ones, so the throttle does not reveal which exist. Emails are hashed in the keys.
 */
export class LoginThrottle {
  private readonly failures;
  private readonly blocks;

  constructor(
    redis: Redis,
    private readonly config: SecurityConfig,
  ) {
    this.failures = sharedLimiter(
      redis,
      'login-fail',
      config.LOGIN_FAILURES_PER_EMAIL,
      config.LOGIN_FAILURE_WINDOW_SEC,
    );
    // How many times the email was blocked lately: the exponent of the backoff.
    this.blocks = sharedLimiter(redis, 'login-blocks', 1_000_000, 24 * 60 * 60);
  }

  /** 429 while the email is blocked. */
  async assertAllowed(email: string): Promise<void> {
    const state = await this.failures.get(keyOf(email));
    if (state && state.consumedPoints >= this.config.LOGIN_FAILURES_PER_EMAIL) {
      throw rateLimited(state.msBeforeNext);
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = keyOf(email);
    const state = await this.failures.penalty(key, 1);
    if (state.consumedPoints < this.config.LOGIN_FAILURES_PER_EMAIL) return;
    const blocked = await this.blocks.penalty(key, 1);
    const seconds = Math.min(
      this.config.LOGIN_BLOCK_BASE_SEC * 2 ** (blocked.consumedPoints - 1),
      this.config.LOGIN_BLOCK_MAX_SEC,
    );
    await this.failures.block(key, seconds);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.failures.delete(keyOf(email));
  }
}

const keyOf = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
