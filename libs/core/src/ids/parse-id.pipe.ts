import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/app-error';
import { IdPrefix, isIdOf } from './ids';

/**
 * Checks a path id has the expected prefix. A malformed id or one of another type is a 404,
 * like an id of another organisation, so the answer never tells one case from the other.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly prefix: IdPrefix,
    private readonly what = 'Resource',
  ) {}

  transform(value: unknown): string {
    if (!isIdOf(this.prefix, value)) throw notFound(this.what);
    return value;
  }
}
