/** Errors from the API as one type the UI can act on: a stable code, never a raw message. */

/** Codes from the backend's problem+json, plus the ones only the client can see. */
export type ErrorCode =
  | 'busy'
  | 'rate_limited'
  | 'engine_unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'too_large'
  | 'text_too_long'
  | 'validation'
  | 'timeout'
  | 'shutting_down'
  | 'graph_unavailable'
  | 'internal'
  // client side
  | 'network'
  | 'stream_interrupted'
  | 'selection_changed'
  | 'host_error'
  | 'empty_text'
  | 'unknown';

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'busy',
  'rate_limited',
  'engine_unavailable',
  'unauthorized',
  'forbidden',
  'too_large',
  'text_too_long',
  'validation',
  'timeout',
  'shutting_down',
  'graph_unavailable',
  'internal',
]);

/** RFC 9457 problem details as the backend writes them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Record<string, string[]>;
  retry_after?: number;
  claims?: string;
  request_id?: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  /** Seconds to wait before trying again (Retry-After), when the server said so. */
  readonly retryAfter: number | undefined;
  /** A claims challenge (base64 JSON) that an interactive sign-in must answer. */
  readonly claims: string | undefined;
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly requestId: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      status?: number;
      retryAfter?: number;
      claims?: string;
      fieldErrors?: Record<string, string[]>;
      requestId?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = extra.status;
    this.retryAfter = extra.retryAfter;
    this.claims = extra.claims;
    this.fieldErrors = extra.fieldErrors;
    this.requestId = extra.requestId;
  }

  static fromProblem(problem: Problem, status?: number, headers?: Headers): ApiError {
    const httpStatus = problem.status ?? status;
    const code = toCode(problem.code, httpStatus);
    const retryAfter = problem.retry_after ?? parseRetryAfter(headers?.get('Retry-After') ?? null);
    const claims = problem.claims ?? parseClaimsChallenge(headers?.get('WWW-Authenticate') ?? null);
    return new ApiError(code, problem.detail ?? problem.title ?? code, {
      status: httpStatus,
      retryAfter,
      claims,
      fieldErrors: problem.errors,
      requestId: problem.request_id,
    });
  }
}

function toCode(code: string | undefined, status: number | undefined): ErrorCode {
  if (code && KNOWN_CODES.has(code)) return code as ErrorCode;
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 413:
      return 'too_large';
    case 422:
      return 'validation';
    case 429:
      return 'busy';
    case 503:
      return 'busy';
    case 504:
      return 'timeout';
    default:
      return status !== undefined && status >= 500 ? 'internal' : 'unknown';
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** `WWW-Authenticate: Bearer error="insufficient_claims", claims="<base64>"` → the claims value. */
export function parseClaimsChallenge(header: string | null): string | undefined {
  if (!header || !/error="?insufficient_claims"?/i.test(header)) return undefined;
  const match = /claims="([^"]*)"/i.exec(header);
  return match?.[1] || undefined;
}

export function isAbortError(error: unknown): boolean {
  return (
    (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')) ||
    (error instanceof Error && error.name === 'AbortError')
  );
}
