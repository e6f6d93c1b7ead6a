import type { ErrorShape } from '@app/core';

/** Errors as Recordings.v1 models them: `{ errorCode, errorDescription }`, the code being the HTTP status. */
export const IMAGICLE_ERRORS: ErrorShape = {
  prefix: '/compat/imagicle/',
  render: (status, error) => ({ status, body: { errorCode: status, errorDescription: error.message } }),
};
