import type { ErrorShape } from '@app/core';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Errors of the Siro API: `{ statusCode, error, message }` with the same HTTP status. */
export const SIRO_ERRORS: ErrorShape = {
  prefix: '/compat/siro/',
  render: (status, error) => ({
    status,
    body: { statusCode: status, error: REASONS[status] ?? 'Internal Server Error', message: error.message },
  }),
};
