import { UnrecoverableError } from 'bullmq';

/** A stage failure no retry can fix (bad audio, missing audio, a 4xx from an engine): the record fails at once. */
export class PermanentStageError extends UnrecoverableError {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentStageError';
  }
}
