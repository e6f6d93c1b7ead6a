import { ValidationError } from 'class-validator';
import { AppError, ErrorDetail } from './app-error';

const flatten = (errors: ValidationError[], parent = ''): ErrorDetail[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Turns class-validator failures into a VALIDATION_FAILED error whose details name each field. */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  const details = flatten(errors);
  const message = details[0]?.message ?? 'Invalid request';
  return new AppError('VALIDATION_FAILED', message, details);
}
