import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '../contract/types.js';
import { PasserelleError } from '../errors.js';


const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  502: 'Upstream system failed',
  503: 'Service unavailable',
};

/** Problem details (RFC 9457) with our stable `code`; the only error shape the API sends. */
export function problem(c: Context, error: PasserelleError, retryAfterSeconds = 5): Response {
  // An upstream that is retryable means "try later" to our caller.
  const status = error.status === 502 && error.retryable ? 503 : error.status;
  const body: Problem = {
    type: `https://passerelle.example/problems/${error.code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code: error.code,
    detail: error.message,
    instance: c.req.path,
  };
  if (error.details.field) body.field = error.details.field;
  const requestId = c.get('requestId');
  if (requestId) body.requestId = requestId;
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (status === 503) headers['retry-after'] = String(retryAfterSeconds);
  if (status === 429) headers['retry-after'] = '60';
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, headers);
}
