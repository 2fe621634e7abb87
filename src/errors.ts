/**
 * One error tree. Every error the gateway raises on purpose is a PasserelleError with
 * a stable `code` (callers branch on it, documentation lists it), the HTTP status it
 * maps to, whether a retry can help, and the field at fault where there is one.
 *
 * Messages must let a person act, and must never hold personal data: name the field,
 * never its value.
 */
export interface ErrorDetails {
  /** Contract path or request field at fault (`person.vn`, `body.eventId`). */
  field?: string;
  /** Native field at fault, for mapping errors (`person.ahvn13`). */
  nativeField?: string;
  /** The native record's own id (case number), never a personal value. */
  nativeId?: string;
  /** Further, non-personal facts (ids, counts, codes). */
  [key: string]: unknown;
}

export class PasserelleError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: ErrorDetails;

  constructor(
    code: string,
    message: string,
    options: { status?: number; retryable?: boolean; details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }

  get field(): string | undefined {
    return this.details.field;
  }
}

/** Bad input from a caller: a request, a file, a CLI argument. */
export class InputError extends PasserelleError {
  constructor(code: string, message: string, details: ErrorDetails = {}, status = 400) {
    super(code, message, { status, details });
  }
}

/** A record or event that breaks the contract. */
export class ContractError extends PasserelleError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(code, message, { status: 422, details });
  }
}

/** A native record that cannot be mapped: names the native field and the contract path. */
export class MappingError extends PasserelleError {
  constructor(
    code: string,
    message: string,
    details: ErrorDetails & { field: string; nativeField: string },
  ) {
    super(code, message, { status: 422, details });
  }
}

export class AuthError extends PasserelleError {
  constructor(code: string, message: string, status: 401 | 403 = 401) {
    super(code, message, { status });
  }
}

export class NotFoundError extends PasserelleError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(code, message, { status: 404, details });
  }
}

export class ConflictError extends PasserelleError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(code, message, { status: 409, details });
  }
}

/** A policy bundle or a setting that cannot be used: stops the start. */
export class ConfigError extends PasserelleError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(code, message, { status: 500, details });
  }
}

/**
 * A remote system's failure. `retryable` steers the queue: a 503 is worth another
 * attempt, a 422 is not.
 */
export class UpstreamError extends PasserelleError {
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    message: string,
    options: { retryable: boolean; details?: ErrorDetails; retryAfterMs?: number; cause?: unknown },
  ) {
    super(code, message, {
      status: 502,
      retryable: options.retryable,
      details: options.details ?? {},
      cause: options.cause,
    });
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isPasserelleError(error: unknown): error is PasserelleError {
  return error instanceof PasserelleError;
}
