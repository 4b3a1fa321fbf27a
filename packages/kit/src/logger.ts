import pino, { type Logger } from 'pino';
import { currentContext } from './context';
import { activeTraceIds } from './tracing/setup';

export type { Logger } from 'pino';

/**
 * Paths pino blanks before a line is written. Secrets must never reach a log: credentials in
 * headers, passwords, tokens and card data in bodies, at any depth we log them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["dapr-api-token"]',
  'res.headers["set-cookie"]',
  ...[
    'password',
    'currentPassword',
    'newPassword',
    'passwordHash',
    'token',
    'accessToken',
    'refreshToken',
    'idToken',
    'secret',
    'card',
    'cardNumber',
    'number',
    'cvv',
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every line written inside a request carries its id and, when traced, the trace and span ids:
    // one grep follows a call across services, and a log line leads to its trace (and back).
    mixin: () => {
      const context = currentContext();
      const ids = activeTraceIds();
      return {
        ...(context ? { requestId: context.requestId } : {}),
        ...(ids ? { traceId: ids.traceId, spanId: ids.spanId } : {}),
      };
    },
  });
}
