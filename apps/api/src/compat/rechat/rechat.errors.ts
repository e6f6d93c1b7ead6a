import type { ErrorShape } from '@app/core';

/** Rechat's error codes by HTTP status (its server's error classes). */
const RECHAT_CODES: Record<number, string> = {
  400: 'Validation',
  401: 'Unauthorized',
  402: 'PaymentRequired',
  403: 'Forbidden',
  404: 'ResourceNotFound',
  409: 'Conflict',
  410: 'ResourceNotFound',
  413: 'Validation',
  415: 'Validation',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

/** Errors as Rechat answers them: `{ http, code, message }` with the same status. */
export const RECHAT_ERRORS: ErrorShape = {
  prefix: '/compat/rechat/',
  render: (status, error) => ({
    status,
    body: {
      http: status,
      code: RECHAT_CODES[status] ?? 'Internal',
      message: error.message,
      ...(error.details.length ? { details: error.details } : {}),
    },
  }),
};
