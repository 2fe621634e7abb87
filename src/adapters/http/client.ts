import { UpstreamError } from '../../errors.js';

/**
 * The one HTTP client of the adapters. It bounds every call (timeout), classifies the
 * answer (5xx, 408 and 429 worth another attempt, with `Retry-After`; other 4xx not),
 * carries the credentials (OAuth2 client credentials with a cached token, Basic, an API
 * key, an organisation header), and never puts an answer's body into an error: status,
 * content type and length only.
 */
export type Credentials =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'api-key'; header: string; value: string }
  | { kind: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string; auth?: 'basic' | 'body' }
  /** A token from elsewhere (Entra ID app-only with a certificate assertion): asked again after a 401. */
  | { kind: 'bearer'; token: (force: boolean) => Promise<string> };

export interface HttpClientOptions {
  /** Adapter id: error codes are `<system>.unavailable`, `<system>.refused`, … */
  system: string;
  /** Base URL that relative paths are resolved against (no trailing slash needed). */
  baseUrl: string;
  credentials?: Credentials;
  /** Headers on every request (an organisation header, `Accept`). */
  headers?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  /** Injected so that a simulator or a test server can stand in for the system. */
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RequestOptions {
  query?: Readonly<Record<string, string | undefined>>;
  headers?: Readonly<Record<string, string>>;
  json?: unknown;
  body?: Uint8Array | string;
  /** What the call is, for messages: `the case read`. */
  what: string;
  /** Statuses that are answers, not failures (default: 2xx). */
  accept?: readonly number[];
}

export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly bytes: Uint8Array,
    private readonly system: string,
    private readonly what: string,
  ) {}

  get etag(): string | undefined {
    return this.headers.get('etag') ?? undefined;
  }

  text(): string {
    return new TextDecoder().decode(this.bytes);
  }

  /** The body as JSON; a body that is not JSON is the system's fault, worth another attempt. */
  json<T = unknown>(): T {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(this.bytes)) as T;
    } catch {
      throw new UpstreamError(`${this.system}.invalid-answer`, `${this.system} answered ${this.what} with ${this.status} and a body that is not JSON (${describeBody(this)})`, {
        retryable: true,
        details: { httpStatus: this.status },
      });
    }
  }
}

function describeBody(answer: { headers: Headers; bytes: Uint8Array }): string {
  return `${answer.headers.get('content-type') ?? 'no content type'}, ${answer.bytes.byteLength} bytes`;
}

/** `Retry-After` as milliseconds from now: seconds, or an HTTP date. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** 5xx, 408 and 429 are worth another attempt; other 4xx are the request's fault. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export class HttpClient {
  private token: { value: string; until: number } | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? (() => Date.now());
  }

  /** An absolute URL as is (an `@odata.nextLink`), a path under the base URL otherwise. */
  url(path: string, query?: Readonly<Record<string, string | undefined>>): string {
    const base = /^https?:\/\//i.test(path) ? path : `${this.options.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    const pairs = Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    if (pairs.length === 0) return base;
    // OData wants `$filter` and spaces as %20, not `+`.
    const encoded = pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%27/g, "'")}`);
    return `${base}${base.includes('?') ? '&' : '?'}${encoded.join('&')}`;
  }

  async request(method: string, path: string, options: RequestOptions): Promise<HttpAnswer> {
    const send = async (force: boolean): Promise<HttpAnswer> => {
      const headers: Record<string, string> = { ...this.options.headers, ...options.headers, ...(await this.authorization(force)) };
      let body: Uint8Array | string | undefined = options.body;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['content-type'] ??= 'application/json';
      }
      return this.call(method, this.url(path, options.query), headers, body, options.what);
    };
    let answer = await send(false);
    // One fresh token on a 401, then the answer as it is.
    if (answer.status === 401 && this.options.credentials && ['oauth2-client-credentials', 'bearer'].includes(this.options.credentials.kind)) answer = await send(true);
    const ok = options.accept ? options.accept.includes(answer.status) : answer.status >= 200 && answer.status < 300;
    if (!ok) throw this.failure(answer, options.what);
    return answer;
  }

  async json<T>(method: string, path: string, options: RequestOptions): Promise<{ body: T; answer: HttpAnswer }> {
    const answer = await this.request(method, path, { ...options, headers: { accept: 'application/json', ...options.headers } });
    return { body: answer.json<T>(), answer };
  }

  private async call(method: string, url: string, headers: Record<string, string>, body: Uint8Array | string | undefined, what: string): Promise<HttpAnswer> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, ...(body === undefined ? {} : { body }), signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (error) {
      const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new UpstreamError(`${this.options.system}.unreachable`, `${this.options.system} did not answer ${what}${timeout ? ' in time' : ''}`, { retryable: true, cause: error });
    }
    const bytes = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
    return new HttpAnswer(response.status, response.headers, bytes, this.options.system, what);
  }

  /** The error for an answer that is not one: its status and kind, never its body. */
  failure(answer: HttpAnswer, what: string): UpstreamError {
    const system = this.options.system;
    const retryable = isRetryableStatus(answer.status);
    const wait = retryAfterMs(answer.headers, this.now());
    const code =
      answer.status === 401 || answer.status === 403 ? `${system}.auth-failed` : answer.status === 412 ? `${system}.precondition-failed` : retryable ? `${system}.unavailable` : `${system}.refused`;
    return new UpstreamError(code, `${system} answered ${answer.status} to ${what}${answer.status === 401 || answer.status === 403 ? '; check the credentials in the settings' : ''}`, {
      retryable,
      details: { httpStatus: answer.status },
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }

  private async authorization(force: boolean): Promise<Record<string, string>> {
    const c = this.options.credentials ?? { kind: 'none' };
    switch (c.kind) {
      case 'none':
        return {};
      case 'basic':
        return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}` };
      case 'api-key':
        return { [c.header]: c.value };
      case 'bearer':
        return { authorization: `Bearer ${await c.token(force)}` };
      case 'oauth2-client-credentials':
        return { authorization: `Bearer ${await this.clientCredentials(c, force)}` };
    }
  }

  private async clientCredentials(c: Extract<Credentials, { kind: 'oauth2-client-credentials' }>, force: boolean): Promise<string> {
    if (!force && this.token && this.token.until > this.now()) return this.token.value;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(c.scope ? { scope: c.scope } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if ((c.auth ?? 'basic') === 'basic') headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}`;
    else {
      form.set('client_id', c.clientId);
      form.set('client_secret', c.clientSecret);
    }
    const answer = await this.call('POST', c.tokenUrl, headers, form.toString(), 'the token request');
    if (answer.status === 400 || answer.status === 401) {
      throw new UpstreamError(`${this.options.system}.auth-failed`, `${this.options.system} refused the client credentials; check the client id and secret`, { retryable: false, details: { httpStatus: answer.status } });
    }
    if (answer.status < 200 || answer.status >= 300) throw this.failure(answer, 'the token request');
    const body = answer.json<{ access_token?: string; expires_in?: number }>();
    if (!body.access_token) throw new UpstreamError(`${this.options.system}.auth-failed`, `${this.options.system} sent no access token`, { retryable: true });
    // Renewed a minute early, so a token never expires in flight.
    this.token = { value: body.access_token, until: this.now() + Math.max(30, (body.expires_in ?? 900) - 60) * 1000 };
    return this.token.value;
  }
}

/** Where a connection's requests go and how long each may take: an adapter's checked settings. */
export interface ClientTarget {
  baseUrl: string;
  timeoutSeconds: number;
}

/**
 * The client of one connection: the base URL and the timeout (seconds) of the adapter's
 * checked settings, and the `fetch` the gateway injects (a simulator) when it does.
 */
export function connectionClient(connection: { fetch?: typeof fetch }, target: ClientTarget, options: Omit<HttpClientOptions, 'baseUrl' | 'timeoutMs' | 'fetch'>): HttpClient {
  return new HttpClient({ ...options, baseUrl: target.baseUrl, timeoutMs: target.timeoutSeconds * 1000, ...(connection.fetch ? { fetch: connection.fetch } : {}) });
}
