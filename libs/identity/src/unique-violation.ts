import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation: the loser of a race on a unique key. */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
