import { ErrorCode, ErrorDetail } from './app-error';

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; errorId?: string };
}
