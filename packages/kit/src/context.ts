import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-request context carried through async calls, so that logs and outgoing Dapr calls pick up
 * the request id (and the caller identity the gateway verified) without threading it by hand.
 */
export interface RequestContext {
  requestId: string;
  userId?: string;
  roles?: string[];
  /** When the request must be answered (epoch ms, this process's clock); see http/deadline.ts. */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runWithContext = <T>(context: RequestContext, fn: () => T): T =>
  storage.run(context, fn);

export const currentContext = (): RequestContext | undefined => storage.getStore();
