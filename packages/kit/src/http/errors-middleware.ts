import type { Middleware } from 'koa';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/unreachable';
import { AppError, unavailable } from '../errors';
import type { Logger } from '../logger';
import { activeSpan } from '../tracing/setup';
import { describeIssues } from './validate';

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** Errors thrown by Koa's own stack (co-body, router) carry an HTTP status; give them our codes. */
function fromHttpError(error: HttpLikeError): AppError | undefined {
  const status = error.status ?? error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  switch (status) {
    case 413:
      return new AppError(413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than 64 KiB');
    case 415:
      return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    case 405:
      return new AppError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed on this path');
    case 404:
      return new AppError(404, 'NOT_FOUND', 'Not found');
    case 400:
      return new AppError(
        400,
        'VALIDATION_FAILED',
        error.type === 'entity.parse.failed'
          ? 'Malformed JSON body'
          : (error.message ?? 'Bad request'),
      );
    default:
      return new AppError(status, 'VALIDATION_FAILED', error.message ?? 'Bad request');
  }
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return unavailable('The database is unavailable; try again');
  if (error instanceof ZodError) {
    return new AppError(
      400,
      'VALIDATION_FAILED',
      'Invalid request',
      describeIssues('input', error),
    );
  }
  if (typeof error === 'object' && error !== null) return fromHttpError(error);
  return undefined;
}

/** The one place a failure becomes an answer: the public envelope, never a stack trace. */
export function errorEnvelope(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const known = toAppError(error);
      const answer = known ?? new AppError(500, 'INTERNAL', 'Internal error');
      if (!known || answer.status >= 500) {
        logger.error({ err: error, route: ctx._matchedRoute }, 'request failed');
      }
      // The trace of a refused or failed request says why (`error.type`, OpenTelemetry's name).
      activeSpan()?.setAttribute('error.type', answer.code);
      ctx.status = answer.status;
      ctx.body = answer.toBody();
      for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value);
    }
  };
}
