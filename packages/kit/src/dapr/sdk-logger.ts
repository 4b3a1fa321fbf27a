import type { LoggerService } from '@dapr/dapr';
import type { Logger } from '../logger';

/**
 * The Dapr SDK's own log lines, as JSON debug lines of the service's logger. The SDK logs some
 * answers the caller handles anyway at error level (an ETag conflict on a state save, for one),
 * which would read as failures in the service log.
 */
export function sdkLogger(logger: Logger): LoggerService {
  const write = (message: unknown, ...params: unknown[]) =>
    logger.debug({ sdk: 'dapr', params }, String(message));
  return { error: write, warn: write, info: write, verbose: write, debug: write };
}
