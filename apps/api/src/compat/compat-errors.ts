import type { ErrorShape } from '@app/core';
import { GENESYS_ERRORS } from './genesys/genesys.errors';
import { IMAGICLE_ERRORS } from './imagicle/imagicle.errors';
import { RECHAT_ERRORS } from './rechat/rechat.errors';
import { SIRO_ERRORS } from './siro/siro.errors';

/** Each compatibility API's error shape, by path prefix (see AllExceptionsFilter). */
export const COMPAT_ERROR_SHAPES: ErrorShape[] = [
  GENESYS_ERRORS,
  IMAGICLE_ERRORS,
  RECHAT_ERRORS,
  SIRO_ERRORS,
];
