import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that follow a request or a job through every log line and audit entry. */
export interface RequestContext {
  requestId?: string;
  transferId?: string;
  eventId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentContext(): RequestContext {
  return storage.getStore() ?? {};
}
