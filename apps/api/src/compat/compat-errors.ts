import type { ErrorShape } from '@app/core';
import { RECHAT_ERRORS } from './rechat/rechat.errors';

/** Each compatibility API's error shape, by path prefix (see AllExceptionsFilter). */
export const COMPAT_ERROR_SHAPES: ErrorShape[] = [RECHAT_ERRORS];
