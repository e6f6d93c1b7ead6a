import { QueryFailedError } from 'typeorm';
import { analysisNotFound } from '../analysis.errors';

const FOREIGN_KEY_VIOLATION = '23503';

/** The analysis was deleted (with its record) between the caller's check and the insert: as if never there. */
export const analysisGoneMeanwhile = (error: unknown): never => {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === FOREIGN_KEY_VIOLATION
  )
    throw analysisNotFound();
  throw error;
};
