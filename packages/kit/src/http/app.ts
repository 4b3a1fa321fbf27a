import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import { AppError, notFound } from '../errors';
import type { Logger } from '../logger';
import { appTokenGuard } from './app-token';
import { requestDeadline, type RequestTimeout } from './deadline';
import { errorEnvelope } from './errors-middleware';
import { ServiceMetrics } from './metrics';
import { requestContext } from './request-id';

export const MAX_BODY_BYTES = 64 * 1024;

/** A dependency the service needs to do its work; `/readyz` answers 503 while any check fails. */
type ReadinessCheck = () => Promise<void>;

export interface ServiceAppOptions {
  service: string;
  logger: Logger;
  routers: Router[];
  readiness?: Record<string, ReadinessCheck>;
  /** Supplied when the service registers its own metrics on the same registry. */
  metrics?: ServiceMetrics;
  /** Middleware that runs before routing (the gateway's authentication, for instance). */
  before?: Middleware[];
  /**
   * The Dapr app token (APP_API_TOKEN): every request to the API port must carry it in
   * `dapr-api-token`, and only then are the identity headers believed. `null` only for the
   * gateway, the public entry, whose callers prove themselves with access tokens instead.
   */
  appToken: string | null;
  /**
   * How long a request may take before it is answered 503 (default DEFAULT_REQUEST_TIMEOUT_MS);
   * a caller's shorter budget (DEADLINE_HEADER) wins.
   */
  requestTimeoutMs?: RequestTimeout;
}

export interface ServiceApp {
  /** The API: served on PORT, reached through the sidecar (or the ingress, for the gateway). */
  app: Koa;
  /** /healthz, /readyz, /metrics: served on OPS_PORT, for the kubelet and Prometheus only. */
  ops: Koa;
  metrics: ServiceMetrics;
  /** Flipped by graceful shutdown so the orchestrator stops sending traffic before we stop. */
  markDraining(): void;
}

/** Refuses oversized bodies by their declared length before reading a byte of them. */
function bodyLimit(): Middleware {
  return async (ctx, next) => {
    const length = Number(ctx.get('content-length') || 0);
    if (length > MAX_BODY_BYTES) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than 64 KiB');
    }
    await next();
  };
}

function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = Date.now();
    await next();
    logger.info(
      {
        method: ctx.method,
        path: ctx.path,
        route: ctx._matchedRoute,
        status: ctx.status,
        durationMs: Date.now() - started,
      },
      'request',
    );
  };
}

function operationsRouter(
  metrics: ServiceMetrics,
  checks: Record<string, ReadinessCheck>,
  isDraining: () => boolean,
  logger: Logger,
): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const results: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          results[name] = 'ok';
        } catch (error) {
          // The reason goes to the log only: dependency errors name hosts, users and versions.
          logger.warn({ check: name, err: error }, 'readiness check failed');
          results[name] = 'failed';
        }
      }),
    );
    const ready = !isDraining() && Object.values(results).every((r) => r === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : isDraining() ? 'draining' : 'not ready',
      checks: results,
    };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}

/**
 * A known path asked with a method it does not serve answers 405 in the envelope with `Allow`
 * (RFC 9110), whatever the method: the router's own check answers methods it does not know at
 * all (TRACE, PROPFIND…) with a bare 501, which would reach the error envelope as a 500.
 */
function methodNotAllowed(router: Router): ReturnType<Router['allowedMethods']> {
  const check = router.allowedMethods();
  return async (ctx, next) => {
    await check(ctx, next);
    if (ctx.status !== 405 && ctx.status !== 501) return;
    const allow = ctx.response.get('Allow');
    if (!allow) {
      // No route has this path: the 404 stands.
      ctx.remove('Allow');
      ctx.status = 404;
      return;
    }
    throw new AppError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed on this path', undefined, {
      Allow: allow,
    });
  };
}

/** The ops port's app: health, readiness and metrics, and a JSON 404 for anything else. */
function createOpsApp(router: Router): Koa {
  const ops = new Koa();
  ops.use(router.routes());
  ops.use((ctx) => {
    ctx.status = 404;
    ctx.body = notFound('No such route').toBody();
  });
  return ops;
}

/**
 * The Koa apps every Gomall service is built on. The API app: request id and context, metrics,
 * access log, the error envelope, the Dapr app-token check, a 64 KiB JSON body parser, the
 * service's routes and a JSON 404 for everything else. The ops app (its own port) answers
 * /healthz, /readyz and /metrics.
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = new Koa({ proxy: true });
  const metrics = options.metrics ?? new ServiceMetrics(options.service);
  let draining = false;

  app.use(requestContext());
  app.use(metrics.middleware());
  app.use(accessLog(options.logger));
  app.use(errorEnvelope(options.logger));
  if (options.appToken !== null) app.use(appTokenGuard(options.appToken));
  app.use(requestDeadline(options.requestTimeoutMs));
  app.use(bodyLimit());
  app.use(
    bodyParser({
      enableTypes: ['json'],
      // daprd delivers pub/sub messages as application/cloudevents+json, which the parser does not
      // count as JSON by default (the subscribers would see no body). The list is merged by index
      // into the parser's defaults, so application/json stays first.
      extendTypes: { json: ['application/json', 'application/cloudevents+json'] },
      jsonLimit: `${MAX_BODY_BYTES}b`,
      jsonStrict: true,
      // Any parse failure other than size is a malformed body; the envelope says so plainly.
      onError: (error) => {
        const status = (error as { status?: number }).status;
        if (status === 413) throw error;
        throw new AppError(400, 'VALIDATION_FAILED', 'Malformed JSON body');
      },
    }),
  );
  const ops = operationsRouter(metrics, options.readiness ?? {}, () => draining, options.logger);
  for (const middleware of options.before ?? []) app.use(middleware);
  for (const router of options.routers) {
    app.use(router.routes());
    app.use(methodNotAllowed(router));
  }
  // Not thrown: the routers' method checks look at a 404 on the way out and turn a known path
  // with the wrong method into 405.
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = notFound('No such route').toBody();
  });

  app.on('error', (error: unknown) => {
    options.logger.warn({ err: error }, 'connection error');
  });

  return {
    app,
    ops: createOpsApp(ops),
    metrics,
    markDraining: () => {
      draining = true;
    },
  };
}
