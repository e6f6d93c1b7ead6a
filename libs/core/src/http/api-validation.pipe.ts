import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { validationExceptionFactory } from '../errors/validation-exception.factory';

const LENIENT = Symbol('parley:lenient-input');

/**
 * Marks a DTO of a compatibility API: a seed system's client sends fields Parley does not use, so unknown fields are
 * dropped instead of refused. What the DTO declares is checked as everywhere else.
 */
export const LenientInput = (): ClassDecorator => (target) => Reflect.defineMetadata(LENIENT, true, target);

const isLenient = (metatype: unknown) =>
  typeof metatype === 'function' && Reflect.getMetadata(LENIENT, metatype) === true;

/**
 * The one validation of request input: Parley's own API refuses fields it does not declare (a typo is a 400, not a
 * silently ignored setting); DTOs marked @LenientInput() drop them.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  private readonly strict = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationExceptionFactory,
  });
  private readonly lenient = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    exceptionFactory: validationExceptionFactory,
  });

  transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return (isLenient(metadata.metatype) ? this.lenient : this.strict).transform(
      value,
      metadata,
    ) as Promise<unknown>;
  }
}
