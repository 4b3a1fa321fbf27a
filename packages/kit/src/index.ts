// First, before anything requires koa, mysql2 or ioredis: tracing hooks `require` (tracing/setup.ts).
import './tracing/register';

export * from './config';
export * from './context';
export * from './errors';
export * from './logger';
export * from './server';
export * from './http/app';
export * from './http/request-body';
export * from './http/metrics';
export * from './http/service-counters';
export * from './http/request-id';
export * from './http/deadline';
export * from './http/idempotency-key';
export * from './http/validate';
export * from './http/errors-middleware';
export * from './dapr/names';
export * from './dapr/client';
export * from './dapr/pubsub';
export * from './http/caller';
export * from './http/app-token';
export * from './main';
export * from './signing-keys';
export * from './tracing/setup';
