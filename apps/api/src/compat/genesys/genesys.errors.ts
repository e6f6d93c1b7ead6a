import type { ErrorShape } from '@app/core';

/**
 * The insertion API's non-zero `statusCode`s (0 is success), by the HTTP status of the failure, which the answer
 * keeps: 1 a request that is not valid, 2 authentication failed, 3 not allowed, 4 not found, 5 a conflict, 6 over
 * budget or a limit, 7 the server could not do it now.
 */
const STATUS_CODES: Record<number, number> = {
  400: 1,
  413: 1,
  415: 1,
  401: 2,
  403: 3,
  404: 4,
  409: 5,
  402: 6,
  429: 6,
};

export const GENESYS_ERRORS: ErrorShape = {
  prefix: '/compat/genesys/',
  render: (status, error) => ({
    status,
    body: { statusCode: STATUS_CODES[status] ?? 7, statusMessage: error.message },
  }),
};
