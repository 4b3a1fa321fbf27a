import type { Logger } from '@gomall/kit';
import type { SessionRepository } from './session-repository';

/**
 * Deletes expired refresh tokens and the logins they leave empty, every `intervalMs`, so the
 * tables hold live logins only. Safe on several replicas at once (plain deletes).
 */
export function startSessionPurge(
  repository: SessionRepository,
  intervalMs: number,
  logger: Logger,
): () => void {
  const timer = setInterval(() => {
    repository.purgeExpired().then(
      (removed) => {
        if (removed > 0) logger.info({ removed }, 'purged expired refresh tokens and logins');
      },
      (error: unknown) => logger.warn({ err: error }, 'session purge failed'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
