/**
 * Why a transcription failed, and whether trying again can help. The pipeline fails fast (BullMQ's
 * UnrecoverableError) on a permanent error and retries with backoff on anything else.
 */
export class TranscriptionError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TranscriptionError';
  }
}

/** The input can never be transcribed as it is: corrupt audio, a request the engine rejects (4xx), a bad language. */
export class PermanentTranscriptionError extends TranscriptionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, true, options);
    this.name = 'PermanentTranscriptionError';
  }
}

/** A failure of the moment: a timeout, a busy or unreachable server, a killed process. Worth a retry. */
export class TransientTranscriptionError extends TranscriptionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, false, options);
    this.name = 'TransientTranscriptionError';
  }
}

export const isPermanentTranscriptionError = (error: unknown): boolean =>
  error instanceof TranscriptionError && error.permanent;
