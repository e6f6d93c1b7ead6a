/** The error codes of api.md, each bound to its HTTP status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  BUDGET_EXCEEDED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * A domain error a context throws; the global filter turns it into the envelope and status of api.md.
 * `headers` lets an error carry e.g. Retry-After or WWW-Authenticate.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
    readonly status: number = ERROR_STATUS[code],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const gone = (message: string) => new AppError('GONE', message);
export const validationFailed = (message: string, details: ErrorDetail[] = []) =>
  new AppError('VALIDATION_FAILED', message, details);
export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError('CONFLICT', message, details);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError('UNAUTHENTICATED', message, [], { 'WWW-Authenticate': 'Bearer' });
